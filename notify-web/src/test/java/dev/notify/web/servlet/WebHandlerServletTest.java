package dev.notify.web.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.web.WebHandler;
import dev.notify.web.WebMountContract;
import dev.notify.web.WebResponse;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Principal;
import java.util.EnumSet;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.Test;

/** WebHandlerServlet in a real servlet container (Jetty), mounted at /admin/* below a context path. */
class WebHandlerServletTest extends WebMountContract {

    private Server server;

    @Override
    protected URI start(WebHandler handler) throws Exception {
        server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/app");
        Filter signIn = (request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            String user = http.getHeader("X-User");
            request.setAttribute("tenant", "t1");
            chain.doFilter(user == null ? request : new HttpServletRequestWrapper(http) {
                @Override
                public Principal getUserPrincipal() {
                    return () -> user;
                }
            }, response);
        };
        context.addFilter(new FilterHolder(signIn), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new WebHandlerServlet(handler, LIMIT)), "/admin/*");
        server.setHandler(context);
        server.start();
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        return URI.create("http://127.0.0.1:" + port + "/app/admin/");
    }

    @Override
    protected void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void principalAndAttributesComeFromTheContainer() throws Exception {
        URI root = start(recording(WebResponse.text(200, "ok")));

        HttpResponse<String> response = send(HttpRequest.newBuilder(root.resolve("fleet")).header("X-User", "alice")
                .GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(seen.get().path()).isEqualTo("/fleet");
        assertThat(seen.get().principal()).map(Principal::getName).contains("alice");
        assertThat(seen.get().attribute("tenant")).contains("t1");
    }

    @Test
    void noPrincipalWhenTheHostSignedNobodyIn() throws Exception {
        URI root = start(recording(WebResponse.text(200, "ok")));

        send(HttpRequest.newBuilder(root).GET().build());

        assertThat(seen.get().principal()).isEmpty();
        assertThat(seen.get().path()).isEqualTo("/");
    }
}
