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

    /**
     * A handler that serves {@code handler} below {@code prefix} ({@code /admin}): a request for {@code /admin/x}
     * reaches it as {@code /x}, {@code /admin} as {@code /}; any other path is a 404. For a mount that passes the
     * whole path ({@link dev.notify.web.jdk.JdkWebServer}) when the handler should live below a prefix.
     */
    static WebHandler mountedAt(String prefix, WebHandler handler) {
        java.util.Objects.requireNonNull(handler, "handler");
        if (!prefix.startsWith("/") || prefix.endsWith("/")) {
            throw new IllegalArgumentException("prefix must start with / and not end with one, was '" + prefix + "'");
        }
        return request -> {
            String path = request.path();
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                String rest = path.substring(prefix.length());
                return handler.handle(request.withPath(rest.isEmpty() ? "/" : rest));
            }
            return WebResponse.text(404, "Not found.\n");
        };
    }
}
