package dev.notify.cli.internal;

import dev.notify.outbox.FileJournal;
import dev.notify.outbox.JdbcJournal;
import dev.notify.outbox.spi.Journal;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Which journal an {@code outbox} command works on: a directory, or a database table through JDBC. */
final class JournalOptions {

    static final class Where {
        @Option(names = "--journal", paramLabel = "DIR", description = "The file journal's directory.")
        Path directory;

        @Option(names = "--jdbc-url", paramLabel = "URL", description = "The JDBC URL of the database with the "
                + "outbox table (the PostgreSQL driver is in notify.jar; put another on the class path).")
        String jdbcUrl;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Where where;

    @Mixin
    JdbcLogin login;

    @Option(names = "--table", paramLabel = "NAME", defaultValue = "notify_outbox",
            description = "The outbox table (default: ${DEFAULT-VALUE}).")
    String table;

    /**
     * Opens the journal. A file journal is opened read-only for {@code readOnly}, so that listing works while the
     * application that owns the directory runs; changing it needs the application stopped.
     */
    Journal open(boolean readOnly) {
        if (where.directory != null) {
            FileJournal.Builder builder = FileJournal.builder(where.directory);
            return (readOnly ? builder.readOnly() : builder).open();
        }
        return JdbcJournal.builder(login.dataSource(where.jdbcUrl)).table(table)
                .description("table " + table + " at " + UrlCredentials.mask(where.jdbcUrl)).build();
    }
}
