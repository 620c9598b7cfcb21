package dev.notify.web;

/**
 * Answers one request: the framework-neutral core of a page or endpoint, mounted by {@link
 * dev.notify.web.servlet.WebHandlerServlet} or {@link dev.notify.web.jdk.JdkWebServer}. Implementations must be
 * threadsafe: a mount calls them from several threads at once.
 */
@FunctionalInterface
public interface WebHandler {

    /**
     * Answers a request. A handler should not throw; an unexpected exception becomes a 500 answer with no detail,
     * logged by the mount without the request's body.
     */
    WebResponse handle(WebRequest request);
}
