package dev.notify.benchmarks.store;

import dev.notify.benchmarks.harness.Mail;
import dev.notify.settings.Layer;
import dev.notify.settings.Settings;
import dev.notify.settings.SettingsSource;
import dev.notify.store.ChangeSet;
import dev.notify.store.FileSettingsStore;
import dev.notify.store.JdbcSettingsStore;
import dev.notify.store.SettingsStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The same settings three ways: a fixed {@link SettingsSource#of(Settings)}, a {@link FileSettingsStore} over a
 * properties file holding the same keys, and a {@link JdbcSettingsStore} on an embedded PostgreSQL holding them.
 * Both stores use the default options (a change check every second), as a host that opens one would.
 */
final class StoreSources {

    static final String SERVER = "bench-1";
    static final String AUTHOR = "benchmark";

    private StoreSources() {
    }

    /** The full keys and values of every source: a global layer and one server's layer. */
    static Map<String, String> keys(String host, int port, int maxConnections) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("email.enabled", "true");
        keys.put("email.delivery-method", "smtp");
        keys.put("email.sender", Mail.FROM);
        keys.put("servers." + SERVER + ".email.smtp.host", host);
        keys.put("servers." + SERVER + ".email.smtp.port", Integer.toString(port));
        keys.put("servers." + SERVER + ".email.smtp.tls", "none");
        keys.put("servers." + SERVER + ".email.smtp.pool.max-connections", Integer.toString(maxConnections));
        return keys;
    }

    static SettingsSource fixed(Map<String, String> keys) {
        Layer.Builder global = Layer.builder();
        Layer.Builder server = Layer.builder();
        String prefix = "servers." + SERVER + ".";
        keys.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                server.set(key.substring(prefix.length()), value);
            } else {
                global.set(key, value);
            }
        });
        return SettingsSource.of(Settings.builder().global(global.build()).server(SERVER, server.build()).build());
    }

    /** A file store over {@code file}, written here with the keys as an administrator would. */
    static SettingsStore file(Path file, Map<String, String> keys) {
        StringBuilder text = new StringBuilder("# notify settings for the store benchmark\n");
        keys.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return FileSettingsStore.open(file);
    }

    /** A JDBC store on {@code database}, seeded with the keys by one change set unless it holds them already. */
    static SettingsStore jdbc(DataSource database, Map<String, String> keys) {
        SettingsStore store = JdbcSettingsStore.builder(database).build();
        if (store.snapshot().version() == 0) {
            ChangeSet.Builder seed = ChangeSet.builder(0, AUTHOR).addServer(SERVER, null);
            keys.forEach(seed::set);
            store.apply(seed.build());
        }
        return store;
    }

    /** An embedded PostgreSQL with durable commits, on {@code directory}, emptied first. */
    static EmbeddedPostgres postgres(Path directory) throws IOException {
        return EmbeddedPostgres.builder().setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .setDataDirectory(directory).setCleanDataDirectory(true).start();
    }

    /**
     * A pool, so that an apply does not start a PostgreSQL backend; each store holds one of its connections for its
     * watcher. Deprecated for production only.
     */
    @SuppressWarnings("deprecation")
    static DataSource dataSource(EmbeddedPostgres postgres) {
        String url = postgres.getJdbcUrl("postgres", "postgres");
        org.postgresql.ds.PGPoolingDataSource pool = new org.postgresql.ds.PGPoolingDataSource();
        pool.setDataSourceName(url);
        pool.setURL(url);
        pool.setConnectTimeout(5);
        pool.setMaxConnections(8);
        return pool;
    }
}
