package dev.notify.cli.internal;

import javax.sql.DataSource;
import picocli.CommandLine.Option;

/**
 * The database user and where the password comes from, for a command that takes {@code --jdbc-url}: an environment
 * variable, never the command line.
 */
final class JdbcLogin {

    @Option(names = "--jdbc-user", paramLabel = "USER", description = "The database user, if not in the URL.")
    String user;

    @Option(names = "--jdbc-password-env", paramLabel = "VARIABLE",
            description = "The environment variable that holds the database password (never the password itself).")
    String passwordVariable;

    /** A connection per call to {@code url} as this user. */
    DataSource dataSource(String url) {
        String password = null;
        if (passwordVariable != null) {
            password = System.getenv(passwordVariable);
            if (password == null) {
                throw new IllegalArgumentException("--jdbc-password-env: the variable " + passwordVariable
                        + " is not set");
            }
        }
        UrlDataSource.requireDriver(url);
        return new UrlDataSource(url, user, password);
    }
}
