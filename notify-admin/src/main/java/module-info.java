/**
 * The Email and SMS settings page. The {@code dev.notify.admin.internal} package, with the page's script and
 * stylesheet, is not exported.
 */
module dev.notify.admin {
    requires transitive dev.notify.api;
    requires transitive dev.notify.store;
    requires transitive dev.notify.web;
    requires org.slf4j;

    exports dev.notify.admin;
}
