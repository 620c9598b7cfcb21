package dev.notify.cli.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** A connection per call from a JDBC URL: enough for a command that runs a few statements. */
final class UrlDataSource implements DataSource {

    private final String url;
    private final Properties credentials = new Properties();

    UrlDataSource(String url, String user, String password) {
        this.url = url;
        if (user != null) {
            credentials.setProperty("user", user);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
    }

    /**
     * Refuses a URL no JDBC driver on the class path accepts, saying which database notify.jar supports and how
     * to add a driver for another.
     *
     * @throws IllegalArgumentException naming {@code --jdbc-url}, its credentials masked
     */
    static void requireDriver(String url) {
        try {
            DriverManager.getDriver(url);
        } catch (SQLException e) {
            throw new IllegalArgumentException("--jdbc-url " + UrlCredentials.mask(url) + ": no JDBC driver accepts "
                    + "this URL. notify.jar includes the driver of PostgreSQL, the database the outbox table is written "
                    + "for (jdbc:postgresql://HOST[:PORT]/DATABASE). For another database, put its JDBC driver on the "
                    + "class path and run the main class: java -cp notify.jar:DRIVER.jar dev.notify.cli.NotifyCli "
                    + "outbox ...");
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        try {
            return DriverManager.getConnection(url, credentials);
        } catch (SQLException e) {
            String message = UrlCredentials.mask(String.valueOf(e.getMessage()).replace(url, UrlCredentials.mask(url)));
            String password = credentials.getProperty("password");
            if (password != null && !password.isEmpty()) {
                message = message.replace(password, "********");
            }
            throw new SQLException(message, e.getSQLState(), e.getErrorCode());
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", username);
        p.setProperty("password", password);
        return DriverManager.getConnection(url, p);
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // Nothing is logged.
    }

    @Override
    public void setLoginTimeout(int seconds) {
        DriverManager.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() {
        return DriverManager.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return false;
    }
}
