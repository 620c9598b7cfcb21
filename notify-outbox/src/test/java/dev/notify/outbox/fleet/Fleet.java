package dev.notify.outbox.fleet;

import dev.notify.outbox.support.Postgres;
import dev.notify.testkit.smtp.SmtpServerExtension;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/** What the fleet tests share: the settings file of their instances, and counts read from the journal's tables. */
final class Fleet {

    private Fleet() {
    }

    /** A settings file in {@code directory} for {@code smtp}, with these extra keys. */
    static Path settings(SmtpServerExtension smtp, Path directory, Map<String, String> extra) throws IOException {
        Properties p = new Properties();
        p.putAll(smtp.properties());
        p.put("outbox.retry.initial-delay", "1s");
        p.put("outbox.retry.max-delay", "2s");
        p.putAll(extra);
        Path file = directory.resolve("notify.properties");
        try (Writer w = Files.newBufferedWriter(file)) {
            p.store(w, null);
        }
        return file;
    }

    /** The number {@code sql} (one row, one column) counts, with {@code table} for {@code %s}. */
    static long count(String sql, String table, Object... parameters) {
        try (Connection c = Postgres.pooled().getConnection();
                PreparedStatement s = c.prepareStatement(sql.replace("%s", table))) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long finished(String table) {
        return count("SELECT count(*) FROM %s_done", table);
    }

    static long waiting(String table) {
        return count("SELECT count(*) FROM %s_queue", table);
    }
}
