package dev.notify.web.servlet;

import dev.notify.web.WebHandler;
import dev.notify.web.WebRequest;
import dev.notify.web.WebResponse;
import dev.notify.web.internal.BoundedBody;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mounts a {@link WebHandler} in a Jakarta Servlet 5 or 6 container (Tomcat, Jetty, Spring MVC's
 * {@code ServletRegistrationBean}). Map it to a path pattern ending in {@code /*} ({@code /admin/*}): the handler
 * sees the path below it ({@link HttpServletRequest#getPathInfo()}). The principal is the container's
 * {@link HttpServletRequest#getUserPrincipal()}; the request's attributes are passed on. A body longer than the
 * limit is refused with {@code 413} as soon as the limit is passed. The servlet adds no authentication of its own:
 * the handler or the host's security filter decides.
 *
 * <p>This class is threadsafe.
 */
public class WebHandlerServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(WebHandlerServlet.class);

    /** The default body limit: 64 KiB, enough for any settings form. */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    private final transient WebHandler handler;
    private final int maxBodyBytes;

    /** Mounts {@code handler} with a body limit of {@link #DEFAULT_MAX_BODY_BYTES}. */
    public WebHandlerServlet(WebHandler handler) {
        this(handler, DEFAULT_MAX_BODY_BYTES);
    }

    /**
     * @param maxBodyBytes the longest request body accepted, at least 0
     */
    public WebHandlerServlet(WebHandler handler, int maxBodyBytes) {
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes must not be negative, was " + maxBodyBytes);
        }
        this.handler = Objects.requireNonNull(handler, "handler");
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        byte[] body;
        try {
            body = BoundedBody.read(req.getInputStream(), req.getContentLengthLong(), maxBodyBytes);
        } catch (BoundedBody.TooLargeException e) {
            resp.setHeader("Connection", "close");
            write(resp, WebResponse.text(413, "Request too large: at most " + maxBodyBytes + " bytes.\n"));
            return;
        }
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        WebRequest.Builder request = WebRequest.builder(req.getMethod(), path)
                .rawQuery(req.getQueryString())
                .body(body)
                .remoteAddress(Objects.requireNonNullElse(req.getRemoteAddr(), ""))
                .principal(req.getUserPrincipal());
        for (String name : Collections.list(req.getHeaderNames())) {
            for (String value : Collections.list(req.getHeaders(name))) {
                request.header(name, value);
            }
        }
        for (String name : Collections.list(req.getAttributeNames())) {
            Object value = req.getAttribute(name);
            if (value != null) {
                request.attribute(name, value);
            }
        }
        WebResponse response;
        try {
            response = handler.handle(request.build());
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", req.getMethod(), path, e);
            response = WebResponse.text(500, "Internal error.\n");
        }
        write(resp, response);
    }

    private static void write(HttpServletResponse resp, WebResponse response) throws IOException {
        resp.setStatus(response.status());
        for (Map.Entry<String, List<String>> header : response.headers().entrySet()) {
            for (String value : header.getValue()) {
                resp.addHeader(header.getKey(), value);
            }
        }
        resp.setContentLength(response.length());
        try (OutputStream out = resp.getOutputStream()) {
            out.write(response.body());
        }
    }
}
