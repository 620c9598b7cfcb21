package dev.notify.admin;

import static dev.notify.admin.AdminHarness.form;
import static dev.notify.admin.AdminHarness.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.settings.Secret;
import dev.notify.web.SecurityHeaders;
import dev.notify.web.WebRequest;
import dev.notify.web.WebResponse;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminSecurityTest {

    private static final String PASSWORD = "hunter2-Secret-Value";

    @TempDir
    Path dir;

    private AdminHarness admin;

    @BeforeEach
    void start() throws Exception {
        admin = new AdminHarness(dir);
        admin.apply(c -> c.set("email.enabled", "true").set("email.delivery-method", "smtp")
                .set("email.sender", "Support <support@example.com>").set("email.smtp.host", "127.0.0.1")
                .set("email.smtp.auth.enabled", "true").set("email.smtp.auth.username", "mailer")
                .setSecret("email.smtp.auth.password", Secret.of(PASSWORD))
                .addServer("eu-1", null).set("servers.eu-1.email.smtp.port", "2525"));
    }

    @AfterEach
    void stop() {
        admin.close();
    }

    @Test
    void nothingIsReachableWithoutTheHostsAuthorization() throws Exception {
        for (String path : List.of("/", "/servers/eu-1", "/fleet", "/history", "/static/admin.js", "/nope")) {
            HttpResponse<String> response = admin.get(path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.body()).as(path).doesNotContain("eu-1", "smtp");
            assertThat(response.headers().firstValue("content-security-policy")).as(path)
                    .contains(SecurityHeaders.CONTENT_SECURITY_POLICY);
        }
        assertThat(admin.get("/", "mallory").statusCode()).isEqualTo(401);
        Map<String, String> form = form(admin.get("/servers/eu-1", "alice").body());
        form.put("email.smtp.port", "26");
        assertThat(admin.post("/save", null, form).statusCode()).isEqualTo(401);
        assertThat(admin.store.snapshot().value("servers.eu-1.email.smtp.port")).contains("2525");
    }

    @Test
    void aSignedInUserTheHostDoesNotAllowGets403() {
        Principal mallory = () -> "mallory";

        WebResponse response = admin.page.handle(WebRequest.builder("GET", "/").principal(mallory).build());

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.bodyText()).doesNotContain("smtp");
    }

    @Test
    void everyResponseHasTheSecurityHeaders() throws Exception {
        for (String path : List.of("/", "/servers/eu-1", "/fleet", "/history", "/servers/eu-1/diff",
                "/static/admin.css", "/missing")) {
            HttpResponse<String> response = admin.get(path, "alice");
            assertThat(response.headers().firstValue("content-security-policy")).as(path).contains(
                    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; "
                            + "frame-ancestors 'none'; base-uri 'none'");
            assertThat(response.headers().firstValue("x-content-type-options")).as(path).contains("nosniff");
            assertThat(response.headers().firstValue("referrer-policy")).as(path).contains("no-referrer");
            assertThat(response.headers().firstValue("cache-control")).as(path).contains("no-store");
        }
    }

    @Test
    void everyPostWithoutAValidCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        Map<String, String> form = form(admin.get("/servers/eu-1", "alice").body());
        form.put("email.smtp.port", "26");
        Map<String, String> carols = form(admin.get("/servers/eu-1", "carol").body());

        for (String path : List.of("/save", "/test-email", "/check", "/test-sms")) {
            Map<String, String> without = new java.util.LinkedHashMap<>(form);
            without.remove("csrf");
            assertThat(admin.post(path, "alice", without).statusCode()).as(path + " without").isEqualTo(403);
            Map<String, String> forged = new java.util.LinkedHashMap<>(form);
            forged.put("csrf", carols.get("csrf"));
            assertThat(admin.post(path, "alice", forged).statusCode()).as(path + " with carol's").isEqualTo(403);
        }
        assertThat(admin.store.snapshot().version()).isEqualTo(1);
        assertThat(admin.outbox.emails()).isEmpty();
    }

    @Test
    void aPostFromAnotherSiteIsRefused() throws Exception {
        Map<String, String> form = form(admin.get("/servers/eu-1", "alice").body());
        form.put("email.smtp.port", "26");
        HttpResponse<String> response = admin.post("/save", "alice", form, Map.of("Origin", "https://evil.example"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(admin.store.snapshot().version()).isEqualTo(1);
    }

    @Test
    void secretsAreWriteOnlyAndNeverInAnyPage() throws Exception {
        for (String path : List.of("/", "/servers/eu-1", "/fleet", "/history", "/servers/eu-1/diff")) {
            assertThat(admin.get(path, "alice").body()).as(path).doesNotContain(PASSWORD, "hunter2");
        }
        String row = row(admin.get("/", "alice").body(), "email.smtp.auth.password");
        assertThat(row).contains("type=\"password\"", "<span class=\"secret-state\"", ">set</span>", "class=\"replace\"",
                "class=\"clear\"").doesNotContain("name=\"email.smtp.auth.password\" value");
        assertThat(row(admin.get("/servers/eu-1", "alice").body(), "servers.eu-1.email.smtp.auth.password"))
                .contains("inherited from global", ">set</span>");
    }

    @Test
    void aSecretIsReplacedAndClearedThroughThePageAndKeptOtherwise() throws Exception {
        Map<String, String> untouched = form(admin.get("/", "alice").body());
        untouched.put("email.smtp.port", "2526");
        admin.post("/save", "alice", untouched);
        assertThat(admin.store.current().global().get(passwordKey())).map(Secret::reveal).contains(PASSWORD);

        Map<String, String> replace = form(admin.get("/", "alice").body());
        replace.put("secret:email.smtp.auth.password", "replace");
        replace.put("email.smtp.auth.password", "new-pass-123");
        assertThat(admin.post("/save", "alice", replace).statusCode()).isEqualTo(303);
        assertThat(admin.store.current().global().get(passwordKey())).map(Secret::reveal).contains("new-pass-123");
        assertThat(admin.get("/history", "alice").body()).doesNotContain("new-pass-123");
        assertThat(Files.readString(dir.resolve("notify.properties"))).doesNotContain("new-pass-123");

        Map<String, String> clear = form(admin.get("/", "alice").body());
        clear.put("secret:email.smtp.auth.password", "clear");
        HttpResponse<String> refused = admin.post("/save", "alice", clear);
        assertThat(refused.statusCode()).as("AUTH on without a password").isEqualTo(422);
        assertThat(row(refused.body(), "email.smtp.auth.password")).contains("class=\"error\"", ">not set</span>");
        clear.put("email.smtp.auth.enabled", "false");
        assertThat(admin.post("/save", "alice", clear).statusCode()).isEqualTo(303);
        assertThat(admin.store.current().global().get(passwordKey())).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private dev.notify.settings.SettingKey<Secret> passwordKey() {
        return (dev.notify.settings.SettingKey<Secret>) admin.store.current().schema().key("email.smtp.auth.password")
                .orElseThrow();
    }

    @Test
    void aScriptInAPathOrAValueRendersAsText() throws Exception {
        HttpResponse<String> response = admin.get("/servers/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "alice");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert");

        admin.apply(c -> c.set("email.smtp.auth.username", "\"><script>alert(1)</script>"));
        String page = admin.get("/", "alice").body();
        assertThat(page).contains("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"")
                .doesNotContain("<script>alert");
    }

    @Test
    void aRequestOverTheSizeLimitIsRefused() throws Exception {
        Map<String, String> form = form(admin.get("/servers/eu-1", "alice").body());
        form.put("comment", "x".repeat(70_000));

        assertThat(admin.post("/save", "alice", form).statusCode()).isEqualTo(413);
        assertThat(admin.store.snapshot().version()).isEqualTo(1);
    }

    @Test
    void otherMethodsAreRefused() throws Exception {
        HttpResponse<String> response = admin.client.send(HttpRequest.newBuilder(admin.uri("/"))
                .header("X-User", "alice").method("DELETE", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
    }
}
