/**
 * A framework-neutral web layer for notify's pages and endpoints: a {@link dev.notify.web.WebHandler} takes a
 * {@link dev.notify.web.WebRequest} and gives a {@link dev.notify.web.WebResponse}; {@link
 * dev.notify.web.servlet.WebHandlerServlet} mounts it in a servlet container and {@link
 * dev.notify.web.jdk.JdkWebServer} on the JDK's HTTP server. The security pieces every handler uses:
 * {@link dev.notify.web.SecurityHeaders}, {@link dev.notify.web.CsrfTokens}, {@link dev.notify.web.RateLimiter} and
 * {@link dev.notify.web.Html}, which escapes every value it writes.
 */
package dev.notify.web;
