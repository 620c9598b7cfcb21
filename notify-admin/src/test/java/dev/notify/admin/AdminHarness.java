package dev.notify.admin;

import dev.notify.Notifier;
import dev.notify.settings.SettingsSchema;
import dev.notify.store.ChangeSet;
import dev.notify.store.EncryptionKeys;
import dev.notify.store.FileSettingsStore;
import dev.notify.store.SettingsStore;
import dev.notify.store.StoreOptions;
import dev.notify.testkit.FakeEmailProvider;
import dev.notify.testkit.FakeSmsProvider;
import dev.notify.testkit.Outbox;
import dev.notify.testkit.time.ManualScheduler;
import dev.notify.web.jdk.JdkWebServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An admin page on a real file store in a temporary directory, served by JdkWebServer on loopback and driven with
 * the JDK's HttpClient. The host's authorization lets in whoever the {@code X-User} header names among
 * {@code alice} and {@code carol}; the test notifiers know SMTP (discovered) and the fakes.
 */
final class AdminHarness implements AutoCloseable {

    static final String ALICE_EMAIL = "alice@example.com";
    static final EncryptionKeys KEYS = EncryptionKeys.parse("k1:" + Base64.getEncoder().encodeToString(new byte[32]),
            "test key");

    final Outbox outbox = new Outbox();
    final FakeEmailProvider fakeEmail = new FakeEmailProvider(outbox);
    final FakeSmsProvider fakeSms = new FakeSmsProvider(outbox);
    final ManualScheduler time = ManualScheduler.startingAt(Instant.parse("2026-03-01T10:00:00Z"));
    final SettingsStore store;
    final AdminPage page;
    final JdkWebServer server;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    AdminHarness(Path dir, UnaryOperator<AdminPage.Builder> customize) throws IOException {
        SettingsSchema schema = SettingsSchema.discover(List.of(fakeEmail, fakeSms), List.of(),
                Notifier.class.getClassLoader());
        store = FileSettingsStore.open(dir.resolve("notify.properties"), StoreOptions.builder().schema(schema)
                .clock(time.clock()).checkInterval(Duration.ZERO).keys(KEYS).build());
        AdminAuthorization authorization = request -> request.header("X-User").flatMap(user -> switch (user) {
            case "alice" -> Optional.of(Administrator.of("alice", "Alice Admin", ALICE_EMAIL));
            case "carol" -> Optional.of(Administrator.of("carol", "Carol", null));
            default -> Optional.empty();
        });
        page = customize.apply(AdminPage.builder(store, authorization).clock(time.clock())
                .testNotifiers(settings -> Notifier.builder().settings(settings).provider(fakeEmail).provider(fakeSms)
                        .clock(time.clock()).build())).build();
        server = JdkWebServer.builder(page).build().start();
    }

    AdminHarness(Path dir) throws IOException {
        this(dir, b -> b);
    }

    long apply(UnaryOperator<ChangeSet.Builder> edits) {
        return store.apply(edits.apply(ChangeSet.builder(store.snapshot().version(), "setup")).build());
    }

    HttpResponse<String> get(String path, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (user != null) {
            request.header("X-User", user);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String user, Map<String, String> form) throws Exception {
        return post(path, user, form, Map.of());
    }

    HttpResponse<String> post(String path, String user, Map<String, String> form, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        headers.forEach(request::header);
        if (user != null) {
            request.header("X-User", user);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return server.uri().resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    /**
     * The form of a page as a browser would submit it untouched: every hidden input and every enabled control
     * with its value (secrets' password fields are empty and disabled, so absent).
     */
    static Map<String, String> form(String html) {
        Map<String, String> form = new LinkedHashMap<>();
        Matcher input = Pattern.compile("<input ([^>]*)>").matcher(html);
        while (input.find()) {
            String attributes = input.group(1);
            Optional<String> name = attribute(attributes, "name");
            if (name.isPresent() && !attributes.contains(" disabled") && !attributes.startsWith("disabled")) {
                form.put(name.get(), attribute(attributes, "value").orElse(""));
            }
        }
        Matcher select = Pattern.compile("<select ([^>]*)>(.*?)</select>").matcher(html);
        while (select.find()) {
            Optional<String> name = attribute(select.group(1), "name");
            Matcher selected = Pattern.compile("<option value=\"([^\"]*)\" selected>").matcher(select.group(2));
            if (name.isPresent() && !select.group(1).contains(" disabled") && selected.find()) {
                form.put(name.get(), unescape(selected.group(1)));
            }
        }
        return form;
    }

    static Optional<String> attribute(String attributes, String name) {
        Matcher m = Pattern.compile("(?:^| )" + Pattern.quote(name) + "=\"([^\"]*)\"").matcher(attributes);
        return m.find() ? Optional.of(unescape(m.group(1))) : Optional.empty();
    }

    /** The row of a setting: {@code <div class="setting" data-key="KEY" ...>...</div>}. */
    static String row(String html, String fullKey) {
        int start = html.indexOf("<div class=\"setting");
        while (start >= 0) {
            int end = html.indexOf("</div>", start);
            String row = html.substring(start, end + 6);
            if (row.contains("data-key=\"" + fullKey + "\"")) {
                return row;
            }
            start = html.indexOf("<div class=\"setting", end);
        }
        throw new AssertionError("no row for " + fullKey);
    }

    private static String unescape(String text) {
        return text.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    @Override
    public void close() {
        server.stop();
        store.close();
    }
}
