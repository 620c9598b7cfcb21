package dev.notify.spring.boot.store;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings store on the application's database, under {@code notify.store.}: off unless
 * {@code notify.store.type=jdbc}. These keys are the starter's own, not notify settings; the store's encryption keys
 * come from a file or an environment variable named here, never from the properties themselves.
 *
 * <p>This class is immutable and threadsafe.
 *
 * @param type          Where administrators' changes to notify's settings are kept: "jdbc" keeps them in the
 *                      application's DataSource (PostgreSQL), layered over the notify. properties, which then act as
 *                      defaults. Unset: no store, the notify. properties alone.
 * @param keysFile      File holding the AES keys that encrypt secrets written through the store, one
 *                      "id:base64-key" per line, the current key first. Readable by the application's user only.
 * @param keysVariable  Name of an environment variable holding the AES keys that encrypt secrets written through the
 *                      store, "id:base64-key" entries separated by commas, the current key first. Without a key file
 *                      or variable, secrets can be written to the store only as ${env:...} or ${file:...} references.
 * @param createTables  Whether to create the store's tables at startup when missing. Turn it off when the
 *                      application's migrations create them (DDL in dev/notify/store/postgresql.sql).
 * @param checkInterval How often the store checks the database's version, beside the change notifications it listens
 *                      for.
 */
@ConfigurationProperties("notify.store")
public record NotifyStoreProperties(String type, Path keysFile, String keysVariable,
        @DefaultValue("true") boolean createTables, @DefaultValue("1s") Duration checkInterval) {

    /** The value of {@code notify.store.type} that turns the JDBC store on. */
    public static final String JDBC = "jdbc";
}
