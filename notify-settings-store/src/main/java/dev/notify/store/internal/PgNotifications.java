package dev.notify.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * {@code LISTEN} through the PostgreSQL driver. Loaded only when a watcher starts; the driver is an optional
 * dependency, so a host on the file backend does not need it.
 */
final class PgNotifications implements ChangeWatcher.Notifications {

    private final Connection connection;
    private final PGConnection pg;

    private PgNotifications(Connection connection, PGConnection pg) {
        this.connection = connection;
        this.pg = pg;
    }

    /** Listens on {@code channel}, or returns null when {@code c} is not a PostgreSQL driver's connection. */
    static PgNotifications listen(Connection c, String channel) throws SQLException {
        if (!c.isWrapperFor(PGConnection.class)) {
            return null;
        }
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN " + channel);
        }
        return new PgNotifications(c, c.unwrap(PGConnection.class));
    }

    @Override
    public boolean await(long millis) throws SQLException {
        PGNotification[] notifications = pg.getNotifications((int) Math.min(Integer.MAX_VALUE, millis));
        return notifications != null && notifications.length > 0;
    }

    @Override
    public void stop() throws SQLException {
        if (!connection.isClosed()) {
            try (Statement s = connection.createStatement()) {
                s.execute("UNLISTEN *");
            }
        }
    }
}
