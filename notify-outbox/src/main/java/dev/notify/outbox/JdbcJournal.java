package dev.notify.outbox;

import dev.notify.outbox.internal.jdbc.TableJournal;
import dev.notify.outbox.spi.Journal;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A journal in the host's database: a few tables ({@link #postgresqlDdl()}), reached through the host's
 * {@link DataSource} (a connection pool). Several processes may share them: each claims due messages in batches
 * with a lease and a fencing token, {@code FOR UPDATE SKIP LOCKED} keeps two from taking the same one, a message
 * whose process crashed is taken over by another once the lease runs out, and an outcome counts only under the
 * claim it was attempted with. Per server, a pause, a slow-down after a relay's 421/429 and the rate budget are kept
 * in the database, so every process obeys them. Messages still to deliver live in a small queue table whose
 * partitions are emptied in turn with TRUNCATE ({@link Builder#ring}), finished ones move to a table of their own:
 * dead rows stay bounded even while a long transaction elsewhere holds VACUUM back. Written for PostgreSQL 12+;
 * needs only JDBC.
 *
 * <pre>{@code
 * Journal journal = JdbcJournal.builder(dataSource).lease(Duration.ofMinutes(5)).build();
 * }</pre>
 *
 * <p>The processes' clocks must agree to well within the lease. Message content is stored as given: restrict
 * access to the table and encrypt the database where messages are sensitive. This class is threadsafe.
 */
public final class JdbcJournal {

    private static final Pattern TABLE = Pattern.compile("([a-z_][a-z0-9_]{0,62}\\.)?[a-z_][a-z0-9_]{0,62}");
    private static final String DDL = "notify-outbox-postgresql.sql";

    private JdbcJournal() {
    }

    /** A journal in the table {@code notify_outbox} of {@code dataSource}'s database. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * The PostgreSQL DDL of the tables and their indexes ({@code CREATE ... IF NOT EXISTS}), as shipped in
     * {@code dev/notify/outbox/notify-outbox-postgresql.sql}: for the host's migrations. Idempotent; on a database
     * with the single table of the first release it moves that table's rows into the new tables and replaces it with
     * a view of the same name.
     */
    public static String postgresqlDdl() {
        try (InputStream in = JdbcJournal.class.getResourceAsStream(DDL)) {
            if (in == null) {
                throw new IllegalStateException(DDL + " is missing from notify-outbox's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Options of a JDBC journal. This class is not threadsafe. */
    public static final class Builder {
        private final DataSource dataSource;
        private String table = "notify_outbox";
        private Duration lease = Duration.ofMinutes(5);
        private Duration ring = Duration.ofSeconds(5);
        private String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
        private String description;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /**
         * The tables' base name, optionally with its schema (default {@code notify_outbox}: tables
         * {@code notify_outbox_queue}, {@code notify_outbox_done} and so on); created with {@link #postgresqlDdl()},
         * {@code notify_outbox} replaced.
         *
         * @throws IllegalArgumentException unless lower-case letters, digits and '_', with an optional schema
         */
        public Builder table(String name) {
            if (name == null || !TABLE.matcher(name).matches()) {
                throw new IllegalArgumentException("table must be [schema.]name in lower-case letters, digits and '_', "
                        + "was '" + name + "'");
            }
            this.table = name;
            return this;
        }

        /**
         * How long a process holds a message it is delivering before another may take it over (default 5 minutes).
         * Longer than the slowest attempt (the providers' timeouts), or two processes deliver the same message.
         *
         * @throws IllegalArgumentException unless 1 second to 1 day
         */
        public Builder lease(Duration lease) {
            if (lease == null || lease.compareTo(Duration.ofSeconds(1)) < 0 || lease.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("lease must be 1s to 1d, was " + lease);
            }
            this.lease = lease;
            return this;
        }

        /**
         * How often the queue's ring turns (default 5 seconds): each turn empties the queue partition that took new
         * messages two turns before, copying its messages still waiting into the current one and truncating it.
         * Shorter keeps fewer dead rows while a long transaction holds VACUUM back, and copies waiting messages more
         * often.
         *
         * @throws IllegalArgumentException unless 100 ms to 1 hour
         */
        public Builder ring(Duration interval) {
            if (interval == null || interval.compareTo(Duration.ofMillis(100)) < 0
                    || interval.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("ring must be 100ms to 1h, was " + interval);
            }
            this.ring = interval;
            return this;
        }

        /**
         * This process's name in the table's {@code lease_owner} column (default: the JVM's pid@host and a random
         * id, unique per journal).
         *
         * @throws IllegalArgumentException unless 1-128 characters
         */
        public Builder owner(String owner) {
            if (owner == null || owner.isEmpty() || owner.length() > 128) {
                throw new IllegalArgumentException("owner must be 1-128 characters, was '" + owner + "'");
            }
            this.owner = owner;
            return this;
        }

        /** How the journal names its database in messages (default: the table); never put a password here. */
        public Builder description(String text) {
            this.description = Objects.requireNonNull(text, "description");
            return this;
        }

        public Journal build() {
            return new TableJournal(dataSource, table, owner, lease, ring,
                    description == null ? "JDBC journal, table " + table : description);
        }
    }
}
