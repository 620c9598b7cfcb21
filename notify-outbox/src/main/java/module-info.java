/**
 * The durable outbox: a file or JDBC journal in front of a {@code Notifier}. The
 * {@code dev.notify.outbox.internal} packages are not exported.
 */
module dev.notify.outbox {
    requires transitive dev.notify.api;
    requires transitive java.sql;
    requires java.management;
    requires org.slf4j;

    exports dev.notify.outbox;
    exports dev.notify.outbox.spi;

    provides dev.notify.spi.SettingsExtension with dev.notify.outbox.OutboxSettings;
}
