/**
 * Settings kept in a database or a file, with history and encrypted secrets. The PostgreSQL driver is optional
 * ({@code requires static}): only the PostgreSQL-specific paths use it. The {@code dev.notify.store.internal}
 * package is not exported.
 */
module dev.notify.store {
    requires transitive dev.notify.api;
    requires transitive java.sql;
    requires static org.postgresql.jdbc;
    requires org.slf4j;

    exports dev.notify.store;
}
