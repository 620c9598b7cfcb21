package dev.notify.admin.browser;

import dev.notify.admin.AdminAuthorization;
import dev.notify.admin.AdminPage;
import dev.notify.admin.Administrator;
import dev.notify.settings.Secret;
import dev.notify.store.ChangeSet;
import dev.notify.store.EncryptionKeys;
import dev.notify.store.FileSettingsStore;
import dev.notify.store.SettingsStore;
import dev.notify.store.StoreOptions;
import dev.notify.testkit.smtp.SmtpServerExtension;
import dev.notify.web.jdk.JdkWebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;

/**
 * The admin page as a host serves it, for the browser tests: a settings file in a temporary directory (secrets
 * encrypted), the page on the JDK's HTTP server on a free loopback port, and two administrators the host signs in
 * with a cookie. The global settings send through the given SMTP server, with its password as a secret; region
 * {@code eu} overrides the sender, server {@code eu-1} inherits from it, {@code us-1} from the global settings.
 */
final class AdminSite implements AutoCloseable {

    static final String ALICE = "alice";
    static final String BOB = "bob";
    static final String SIGN_IN_COOKIE = "notify-test-admin";
    static final String EU_SENDER = "EU Support <eu-support@example.com>";

    private static final Map<String, Administrator> ADMINISTRATORS = Map.of(
            ALICE, Administrator.of(ALICE, "Alice Admin", "alice@example.com"),
            BOB, Administrator.of(BOB, "Bob Admin", "bob@example.com"));

    private final Path file;
    private final SettingsStore store;
    private final JdkWebServer server;

    AdminSite(Path directory, SmtpServerExtension smtp, String smtpPassword) {
        this.file = directory.resolve("notify.properties");
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        StoreOptions options = StoreOptions.builder().checkInterval(Duration.ZERO)
                .keys(EncryptionKeys.parse("k1:" + Base64.getEncoder().encodeToString(key), "test key")).build();
        this.store = FileSettingsStore.open(file, options);
        ChangeSet.Builder initial = ChangeSet.builder(0, "setup").comment("initial settings");
        smtp.properties().forEach((k, v) -> {
            if (k.equals("email.smtp.auth.password")) {
                initial.setSecret(k, Secret.of(smtpPassword));
            } else {
                initial.set(k, v);
            }
        });
        initial.addServer("eu", null).set("servers.eu.email.sender", EU_SENDER)
                .addServer("eu-1", "eu")
                .addServer("us-1", null).set("servers.us-1.email.reply-to", "us-replies@example.com");
        store.apply(initial.build());
        AdminAuthorization authorization = request -> request.cookie(SIGN_IN_COOKIE).map(ADMINISTRATORS::get);
        AdminPage page = AdminPage.builder(store, authorization).build();
        try {
            this.server = JdkWebServer.builder(page).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    SettingsStore store() {
        return store;
    }

    /** The settings file, as the store keeps it on disk. */
    Path file() {
        return file;
    }

    /** The address of a page below the mount, {@code /servers/eu-1} for example. */
    String url(String path) {
        String root = server.uri().toString();
        return (root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + path;
    }

    /** Signs {@code browser} in as {@code administrator} the way the host would, and opens {@code path}. */
    WebDriver signIn(WebDriver browser, String administrator, String path) {
        browser.get(url("/static/admin.css"));
        browser.manage().addCookie(new Cookie(SIGN_IN_COOKIE, administrator, "/"));
        browser.get(url(path));
        return browser;
    }

    @Override
    public void close() {
        server.close();
        store.close();
    }
}
