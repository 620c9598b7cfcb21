package dev.notify.admin;

import dev.notify.Notifier;
import dev.notify.admin.internal.AdminHandler;
import dev.notify.settings.Settings;
import dev.notify.store.SettingsStore;
import dev.notify.web.CsrfTokens;
import dev.notify.web.RateLimiter;
import dev.notify.web.WebHandler;
import dev.notify.web.WebRequest;
import dev.notify.web.WebResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * The "Email and SMS" settings page as a {@link WebHandler}: mount it with {@link
 * dev.notify.web.servlet.WebHandlerServlet} (mapped to {@code /admin/*}) or {@link dev.notify.web.jdk.JdkWebServer}.
 *
 * <p>Pages, below the mount: {@code /} (global), {@code /regions/{id}}, {@code /servers/{id}},
 * {@code /servers/{id}/diff}, {@code /fleet}, {@code /history}; posts: {@code /save}, {@code /test-email},
 * {@code /check}, {@code /test-sms}; and {@code /static/admin.js}, {@code /static/admin.css}. Every request,
 * static files included, is first given to the {@link AdminAuthorization}; every post must carry the page's
 * CSRF token; every response has a strict Content-Security-Policy and is not cached. Secrets are write-only: no
 * page holds a secret's value.
 *
 * <pre>{@code
 * AdminPage page = AdminPage.builder(store, authorization)
 *         .mountPath("/admin")
 *         .clock(notifier.clock())
 *         .build();
 * servletContext.addServlet("notify-admin", new WebHandlerServlet(page)).addMapping("/admin/*");
 * }</pre>
 *
 * <p>This class is threadsafe.
 */
public final class AdminPage implements WebHandler {

    private final WebHandler handler;

    private AdminPage(Builder b) {
        Function<Settings, Notifier> notifiers = b.testNotifiers != null ? b.testNotifiers
                : settings -> Notifier.builder().settings(settings).clock(b.clock).build();
        this.handler = new AdminHandler(b.store, b.authorization, b.mountPath,
                b.csrf != null ? b.csrf : CsrfTokens.random(),
                new RateLimiter(b.testPermits, b.testWindow, b.clock), notifiers);
    }

    /**
     * Starts a page on a store, for the administrators {@code authorization} lets in.
     *
     * @param store         the settings the page shows and saves; notifiers built on it use each save on their next
     *                      send
     * @param authorization decides, for every request, who is signed in and whether they may use the page
     */
    public static Builder builder(SettingsStore store, AdminAuthorization authorization) {
        return new Builder(store, authorization);
    }

    @Override
    public WebResponse handle(WebRequest request) {
        return handler.handle(request);
    }

    /** Configures an {@link AdminPage}. Each method checks its argument. This class is not threadsafe. */
    public static final class Builder {
        private final SettingsStore store;
        private final AdminAuthorization authorization;
        private String mountPath = "";
        private Clock clock = Clock.systemUTC();
        private Function<Settings, Notifier> testNotifiers;
        private CsrfTokens csrf;
        private int testPermits = 5;
        private Duration testWindow = Duration.ofMinutes(1);

        private Builder(SettingsStore store, AdminAuthorization authorization) {
            this.store = Objects.requireNonNull(store, "store");
            this.authorization = Objects.requireNonNull(authorization, "authorization");
        }

        /**
         * The path the browser sees the page under ({@code /admin}, or {@code /app/admin} with a context path),
         * which the page's links and forms start with; empty (the default) for the root. The handler itself gets
         * paths below the mount, as {@code WebHandlerServlet} gives them.
         */
        public Builder mountPath(String path) {
            Objects.requireNonNull(path, "mountPath");
            if (!path.isEmpty() && (!path.startsWith("/") || path.endsWith("/") || !path.matches("[A-Za-z0-9/._~-]+"))) {
                throw new IllegalArgumentException("mountPath must be empty or a path like /admin (letters, digits, "
                        + "'/', '.', '_', '~', '-'; no trailing '/'), was '" + path + "'");
            }
            this.mountPath = path;
            return this;
        }

        /** The clock the test rate limit counts on, and the test notifiers' clock; the notifier's, ideally. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Makes the notifier that Test Email, Check and Test SMS use, from the page's settings with its unsaved
         * edits; it is closed after the one test. By default {@code Notifier.builder().settings(s).clock(clock)}
         * with the providers ServiceLoader finds; give your own when the host registers providers explicitly.
         */
        public Builder testNotifiers(Function<Settings, Notifier> factory) {
            this.testNotifiers = Objects.requireNonNull(factory, "testNotifiers");
            return this;
        }

        /** The CSRF tokens; by default a random secret per page (a cluster shares one: {@link CsrfTokens#withSecret}). */
        public Builder csrfTokens(CsrfTokens tokens) {
            this.csrf = Objects.requireNonNull(tokens, "csrfTokens");
            return this;
        }

        /**
         * How many tests (Test Email, Check, Test SMS together) each administrator may run per window; default 5
         * per minute, so a stolen session cannot send much mail through the page.
         */
        public Builder testRateLimit(int permits, Duration window) {
            if (permits < 1) {
                throw new IllegalArgumentException("permits must be at least 1, was " + permits);
            }
            if (window == null || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("window must be positive, was " + window);
            }
            this.testPermits = permits;
            this.testWindow = window;
            return this;
        }

        public AdminPage build() {
            return new AdminPage(this);
        }
    }
}
