/**
 * notify's web layer: handlers, the servlet and JDK HTTP server mounts, and the security pieces they share. The
 * servlet API is optional ({@code requires static}): only {@code dev.notify.web.servlet} uses it, and the host's
 * container provides it. The {@code dev.notify.web.internal} package is not exported.
 */
module dev.notify.web {
    requires dev.notify.api;
    requires org.slf4j;
    requires transitive jdk.httpserver;
    requires static jakarta.servlet;

    exports dev.notify.web;
    exports dev.notify.web.jdk;
    exports dev.notify.web.servlet;
}
