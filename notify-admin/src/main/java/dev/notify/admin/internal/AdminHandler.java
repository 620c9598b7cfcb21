package dev.notify.admin.internal;

import dev.notify.Notifier;
import dev.notify.Problem;
import dev.notify.SettingsException;
import dev.notify.admin.AdminAuthorization;
import dev.notify.admin.Administrator;
import dev.notify.settings.Layer;
import dev.notify.settings.SettingKeys;
import dev.notify.settings.Settings;
import dev.notify.settings.SettingsSchema;
import dev.notify.store.ChangeSet;
import dev.notify.store.ConflictException;
import dev.notify.store.HistoryEntry;
import dev.notify.store.SettingsStore;
import dev.notify.store.StoreSnapshot;
import dev.notify.store.StoreUnavailableException;
import dev.notify.web.CsrfTokens;
import dev.notify.web.Html;
import dev.notify.web.RateLimiter;
import dev.notify.web.SecurityHeaders;
import dev.notify.web.WebHandler;
import dev.notify.web.WebRequest;
import dev.notify.web.WebResponse;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin page's routes: authorization first on every request, then the CSRF token and the origin on every
 * post; pages render from a fresh snapshot of the store; Save applies a change set made against the version the
 * page was loaded at; the tests run with the page's settings, unsaved edits included, rate-limited per
 * administrator. Every response carries {@link SecurityHeaders}.
 */
public final class AdminHandler implements WebHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AdminHandler.class);
    private static final int HISTORY_SHOWN = 200;

    private final SettingsStore store;
    private final AdminAuthorization authorization;
    private final String mount;
    private final CsrfTokens csrf;
    private final RateLimiter testLimiter;
    private final TestActions tests;
    private final StaticFiles files = new StaticFiles();
    private volatile SnapshotView lastView;

    /**
     * @param mount the path the browser sees the page under ({@code /admin}), empty for the root
     */
    public AdminHandler(SettingsStore store, AdminAuthorization authorization, String mount, CsrfTokens csrf,
            RateLimiter testLimiter, Function<Settings, Notifier> notifiers) {
        this.store = store;
        this.authorization = authorization;
        this.mount = mount;
        this.csrf = csrf;
        this.testLimiter = testLimiter;
        this.tests = new TestActions(notifiers);
    }

    @Override
    public WebResponse handle(WebRequest request) {
        return SecurityHeaders.apply(route(request));
    }

    private WebResponse route(WebRequest request) {
        Optional<Administrator> signedIn = authorization.authorize(request);
        if (signedIn.isEmpty()) {
            boolean anonymous = request.principal().isEmpty();
            return WebResponse.html(anonymous ? 401 : 403, Layout.message(mount, anonymous ? "Sign in required"
                    : "Not allowed", anonymous ? "Sign in as an administrator to change the email and SMS settings."
                    : "Your account may not change the email and SMS settings."));
        }
        Administrator admin = signedIn.get();
        String path = request.path();
        String method = request.method();
        if (method.equals("POST")) {
            Optional<WebResponse> refused = refusedPost(request, admin);
            if (refused.isPresent()) {
                return refused.get();
            }
            try {
                return switch (path) {
                    case "/save" -> save(request, admin);
                    case "/test-email" -> test(request, admin, TestActions.Kind.TEST_EMAIL);
                    case "/check" -> test(request, admin, TestActions.Kind.CHECK);
                    case "/test-sms" -> test(request, admin, TestActions.Kind.TEST_SMS);
                    default -> notFound(path);
                };
            } catch (StoreUnavailableException e) {
                return unavailable(e);
            }
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return WebResponse.text(405, "Method not allowed.\n").withHeader("Allow", "GET, POST");
        }
        if (path.startsWith("/static/")) {
            return files.get(path.substring("/static/".length())).orElseGet(() -> notFound(path));
        }
        try {
            return get(request, admin, path);
        } catch (StoreUnavailableException e) {
            return unavailable(e);
        }
    }

    /**
     * The store read now, with what pages of its content share: the view last used when the store still holds the
     * same content, so a page is only ever rendered from the current version.
     */
    private SnapshotView view() {
        SnapshotView view = SnapshotView.of(store.snapshot(), lastView);
        lastView = view;
        return view;
    }

    private WebResponse get(WebRequest request, Administrator admin, String path) {
        SnapshotView view = view();
        if (path.equals("/") || path.isEmpty()) {
            return page(request, admin, view, LayerRef.GLOBAL);
        }
        if (path.equals("/fleet")) {
            return WebResponse.html(200, ListPages.fleet(mount, admin, view));
        }
        if (path.equals("/history")) {
            long from = Math.max(0, view.snapshot().version() - HISTORY_SHOWN);
            return WebResponse.html(200, ListPages.history(mount, admin, store.history(from, HISTORY_SHOWN)));
        }
        String[] parts = path.substring(1).split("/", -1);
        if (parts.length == 3 && parts[0].equals("servers") && parts[2].equals("diff")) {
            LayerRef layer = new LayerRef(LayerRef.Kind.SERVER, parts[1]);
            return view.exists(layer)
                    ? WebResponse.html(200, ListPages.diff(mount, admin, view, parts[1])) : notFound(path);
        }
        if (parts.length == 2 && (parts[0].equals("servers") || parts[0].equals("regions"))) {
            LayerRef layer = new LayerRef(parts[0].equals("servers") ? LayerRef.Kind.SERVER : LayerRef.Kind.REGION,
                    parts[1]);
            return view.exists(layer) ? page(request, admin, view, layer) : notFound(path);
        }
        return notFound(path);
    }

    private WebResponse page(WebRequest request, Administrator admin, SnapshotView view, LayerRef layer) {
        String notice = request.queryValue("saved").map(v -> v.equals("none") ? "Nothing to save: no value changed."
                : "Saved as version " + v + "; every notifier on this store uses it from its next send.").orElse(null);
        SettingsPage.State state = new SettingsPage.State(layer, view, view.snapshot().version(), null, Map.of(),
                List.of(), null, null, notice, admin.email().orElse(""), "", "");
        return WebResponse.html(200, SettingsPage.render(mount, admin, csrf.tokenFor(admin.id()), state));
    }

    private Optional<WebResponse> refusedPost(WebRequest request, Administrator admin) {
        if (!csrf.isValid(admin.id(), request.formValue("csrf").orElse(null))) {
            LOG.warn("Refused a {} to {} without a valid CSRF token (administrator {})", request.method(),
                    request.path(), admin.id());
            return Optional.of(WebResponse.html(403, Layout.message(mount, "Refused",
                    "The form is out of date or did not come from this page (no valid CSRF token). Reload the page "
                            + "and try again.")));
        }
        Optional<String> origin = request.header("Origin");
        Optional<String> host = request.header("Host");
        if (origin.isPresent() && !origin.get().equals("null") && host.isPresent()
                && !host.get().equalsIgnoreCase(authority(origin.get()))) {
            return Optional.of(WebResponse.html(403, Layout.message(mount, "Refused",
                    "The form was posted from another site.")));
        }
        return Optional.empty();
    }

    private static String authority(String origin) {
        try {
            return URI.create(origin).getRawAuthority();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private WebResponse save(WebRequest request, Administrator admin) {
        SnapshotView view = view();
        StoreSnapshot snapshot = view.snapshot();
        Optional<LayerRef> layer = layerOf(request, view);
        Optional<Long> version = request.formValue("version").flatMap(AdminHandler::parseLong);
        if (layer.isEmpty() || version.isEmpty()) {
            return WebResponse.text(400, "The form misses its layer or version.\n");
        }
        SettingsSchema schema = view.schema();
        FormEdits edits = FormEdits.read(request, schema);
        String comment = request.formValue("comment").orElse("");
        Optional<ChangeSet> changes = edits.changeSet(layer.get(), snapshot, version.get(), admin.id(), comment);
        if (changes.isEmpty()) {
            return WebResponse.redirect(mount + layer.get().path() + "?saved=none");
        }
        try {
            long saved = store.apply(changes.get());
            LOG.info("Settings version {} saved by {}: {}", saved, admin.id(), changes.get().edits());
            return WebResponse.redirect(mount + layer.get().path() + "?saved=" + saved);
        } catch (SettingsException e) {
            Map<String, String> errors = new LinkedHashMap<>();
            List<String> others = new ArrayList<>();
            sort(e.problems(), layer.get(), edits, schema, errors, others);
            return rerender(422, request, admin, view, layer.get(), version.get(), edits, errors, others,
                    null, null);
        } catch (ConflictException e) {
            List<HistoryEntry> since = store.history(e.baseVersion(), HISTORY_SHOWN);
            Html conflict = ListPages.conflict(e.baseVersion(), e.currentVersion(), since);
            SnapshotView now = view();
            return rerender(409, request, admin, now, layer.get(), now.snapshot().version(), edits, Map.of(),
                    List.of(), null, conflict);
        }
    }

    private WebResponse test(WebRequest request, Administrator admin, TestActions.Kind kind) {
        SnapshotView view = view();
        StoreSnapshot snapshot = view.snapshot();
        Optional<LayerRef> layer = layerOf(request, view);
        Optional<Long> version = request.formValue("version").flatMap(AdminHandler::parseLong);
        if (layer.isEmpty() || version.isEmpty()) {
            return WebResponse.text(400, "The form misses its layer or version.\n");
        }
        SettingsSchema schema = view.schema();
        FormEdits edits = FormEdits.read(request, schema);
        Optional<Duration> wait = testLimiter.tryAcquire(admin.id());
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            Html panel = Html.fragment().element("h2", kind.title + ": not run", "class", "failed")
                    .element("p", "Too many tests: at most " + testLimiter.permits() + " tests per "
                            + describe(testLimiter.window()) + " for each administrator. Try again in " + seconds
                            + " seconds.", "class", "rate-limited");
            return rerender(429, request, admin, view, layer.get(), version.get(), edits, Map.of(), List.of(),
                    panel, null).withHeader("Retry-After", Long.toString(seconds));
        }
        Map<String, String> errors = new LinkedHashMap<>();
        Layer edited = oneAttempt(edits.apply(layer.get().own(snapshot.settings()), layer.get(), errors));
        String recipient = request.formValue(kind == TestActions.Kind.TEST_SMS ? "test-sms-recipient"
                : "test-recipient").orElse("").strip();
        Html panel;
        if (!errors.isEmpty()) {
            panel = Html.fragment().element("h2", kind.title + ": not run: fix the settings marked below", "class",
                    "failed");
        } else if (recipient.isEmpty() && kind != TestActions.Kind.CHECK) {
            panel = Html.fragment().element("h2", kind.title + ": type a recipient first", "class", "failed");
        } else {
            Settings base = snapshot.settings();
            Settings settings = layer.get().isGlobal() ? Settings.builder(base).global(edited).build()
                    : base.parentOf(layer.get().id())
                            .map(p -> Settings.builder(base).server(layer.get().id(), p, edited).build())
                            .orElseGet(() -> Settings.builder(base).server(layer.get().id(), edited).build());
            LOG.info("{} of {} run by {}", kind.title, layer.get().title(), admin.id());
            TestActions.Outcome outcome = tests.run(kind, settings, layer.get(), recipient);
            panel = outcome.panel();
            List<String> unused = new ArrayList<>();
            sort(outcome.problems(), layer.get(), edits, schema, errors, unused);
        }
        return rerender(200, request, admin, view, layer.get(), version.get(), edits, errors, List.of(), panel,
                null);
    }

    /** A test answers at once: one attempt, no retries, whatever the retry settings say. */
    private static Layer oneAttempt(Layer layer) {
        return Layer.builder(layer).set(SettingKeys.EMAIL_RETRY_MAX_ATTEMPTS, 1)
                .set(SettingKeys.SMS_RETRY_MAX_ATTEMPTS, 1).build();
    }

    private static String describe(Duration window) {
        return window.equals(Duration.ofMinutes(1)) ? "minute" : window.toSeconds() + " seconds";
    }

    private WebResponse rerender(int status, WebRequest request, Administrator admin, SnapshotView view,
            LayerRef layer, long version, FormEdits edits, Map<String, String> errors, List<String> others,
            Html result, Html conflict) {
        SettingsPage.State state = new SettingsPage.State(layer, view, version, edits, errors, others, result,
                conflict, null, request.formValue("test-recipient").orElse(""),
                request.formValue("test-sms-recipient").orElse(""), request.formValue("comment").orElse(""));
        return WebResponse.html(status, SettingsPage.render(mount, admin, csrf.tokenFor(admin.id()), state));
    }

    /** Problems of this layer's keys go next to their field; the others to the list above the form. */
    private static void sort(List<Problem> problems, LayerRef layer, FormEdits edits, SettingsSchema schema,
            Map<String, String> errors, List<String> others) {
        for (Problem problem : problems) {
            String key = problem.key();
            boolean here = key.startsWith(layer.prefix()) && schema.key(key.substring(layer.prefix().length()))
                    .isPresent() && (!layer.isGlobal() || !key.startsWith("servers."));
            if (here) {
                errors.merge(key, problem.message(), (a, b) -> a + "; " + b);
            } else {
                others.add(key + ": " + problem.message());
            }
        }
    }

    private static Optional<LayerRef> layerOf(WebRequest request, SnapshotView view) {
        return request.formValue("layer").flatMap(LayerRef::parse).filter(view::exists);
    }

    private static Optional<Long> parseLong(String text) {
        try {
            return Optional.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private WebResponse notFound(String path) {
        return WebResponse.html(404, Layout.message(mount, "Not found", "There is no page " + path + "."));
    }

    private WebResponse unavailable(StoreUnavailableException e) {
        LOG.warn("Settings store unavailable: {}", e.getMessage());
        return WebResponse.html(503, Layout.message(mount, "Settings store unavailable",
                "The settings cannot be read or written now: " + e.getMessage()));
    }
}
