/**
 * notify's Spring Boot auto-configuration, health contributor and observations. The auto-configuration packages
 * are opened to Spring, which proxies and instantiates their configuration classes reflectively; the
 * {@code dev.notify.spring.boot.internal} package is not exported. The settings store (notify-settings-store)
 * is optional: its auto-configuration applies only when the store is on the class path. notify-sms-http and
 * notify-web, optional for the delivery receipt endpoint, have no module descriptor: the module reads them from the
 * class path (compiled with {@code --add-reads dev.notify.spring.boot=ALL-UNNAMED}). notify-admin (the admin page)
 * and Spring Security (its default authorization) are optional too.
 */
module dev.notify.spring.boot {
    requires transitive dev.notify.api;
    requires transitive micrometer.commons;
    requires transitive micrometer.observation;
    requires static transitive dev.notify.store;
    requires static transitive dev.notify.outbox;
    requires static transitive micrometer.core;
    requires static transitive java.sql;
    requires static jakarta.servlet;
    requires static dev.notify.admin;
    requires static spring.security.core;
    requires org.slf4j;
    requires transitive spring.beans;
    requires transitive spring.boot;
    requires transitive spring.boot.autoconfigure;
    requires transitive spring.boot.health;
    requires transitive spring.context;
    requires transitive spring.core;

    exports dev.notify.spring.boot;
    exports dev.notify.spring.boot.health;
    exports dev.notify.spring.boot.observation;
    exports dev.notify.spring.boot.outbox;
    exports dev.notify.spring.boot.store;
    exports dev.notify.spring.boot.receipts;
    exports dev.notify.spring.boot.admin;

    opens dev.notify.spring.boot to spring.beans, spring.context, spring.core;
    opens dev.notify.spring.boot.health to spring.beans, spring.context, spring.core;
    opens dev.notify.spring.boot.observation to spring.beans, spring.context, spring.core;
    opens dev.notify.spring.boot.outbox to spring.beans, spring.context, spring.core;
    opens dev.notify.spring.boot.store to spring.beans, spring.context, spring.core;
    opens dev.notify.spring.boot.receipts to spring.beans, spring.context, spring.core;
    opens dev.notify.spring.boot.admin to spring.beans, spring.context, spring.core;
}
