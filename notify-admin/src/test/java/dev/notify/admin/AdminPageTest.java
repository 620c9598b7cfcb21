package dev.notify.admin;

import static dev.notify.admin.AdminHarness.form;
import static dev.notify.admin.AdminHarness.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.store.HistoryEntry;
import dev.notify.testkit.smtp.SmtpServerExtension;
import dev.notify.web.SecurityHeaders;
import dev.notify.web.WebRequest;
import dev.notify.web.WebResponse;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class AdminPageTest {

    @RegisterExtension
    static final SmtpServerExtension SMTP = SmtpServerExtension.plain();

    @TempDir
    Path dir;

    private AdminHarness admin;

    @BeforeEach
    void start() throws Exception {
        admin = new AdminHarness(dir);
        admin.apply(c -> c.set("email.enabled", "true").set("email.delivery-method", "smtp")
                .set("email.sender", "Support <support@example.com>").set("email.smtp.host", "127.0.0.1")
                .set("email.smtp.port", "1").set("email.smtp.tls", "none")
                .addServer("eu", null).set("servers.eu.email.sender", "EU <eu@example.com>")
                .addServer("eu-1", "eu").set("servers.eu-1.email.smtp.port", "2525"));
    }

    @AfterEach
    void stop() {
        admin.close();
    }

    @Test
    void globalPageIsRenderedFromTheSchemaWithTheFormContract() throws Exception {
        HttpResponse<String> response = admin.get("/", "alice");

        assertThat(response.statusCode()).isEqualTo(200);
        String html = response.body();
        String port = row(html, "email.smtp.port");
        assertThat(port).contains("id=\"email.smtp.port\" name=\"email.smtp.port\" value=\"1\"",
                "<span class=\"origin\">set here</span>", "class=\"override\"", "class=\"reset\"",
                "<p class=\"help\"");
        assertThat(row(html, "email.delivery-method")).contains("<select id=\"email.delivery-method\"",
                "<option value=\"smtp\" selected>smtp</option>", "<option value=\"fake\">fake</option>");
        assertThat(row(html, "email.enabled")).contains("<option value=\"true\" selected>");
        assertThat(html).contains("<label for=\"email.smtp.port\">", "name=\"version\" value=\"1\"", "name=\"csrf\"",
                "id=\"save\"", "id=\"test-email\"", "id=\"test-recipient\" name=\"test-recipient\" value=\""
                        + AdminHarness.ALICE_EMAIL + "\"", "id=\"result\"", "<legend>email.smtp</legend>");
    }

    @Test
    void everyInputIsLabelled() throws Exception {
        String html = admin.get("/servers/eu-1", "alice").body();

        java.util.regex.Matcher ids = java.util.regex.Pattern.compile("<(?:input|select) [^>]*?id=\"([^\"]+)\"")
                .matcher(html);
        int count = 0;
        while (ids.find()) {
            assertThat(html).as("label of " + ids.group(1)).contains("<label for=\"" + ids.group(1) + "\"");
            count++;
        }
        assertThat(count).isGreaterThan(20);
    }

    @Test
    void serverPageShowsWhereEachValueComesFrom() throws Exception {
        String html = admin.get("/servers/eu-1", "alice").body();

        assertThat(row(html, "servers.eu-1.email.smtp.port")).contains("value=\"2525\"", "set here")
                .doesNotContain(" disabled");
        assertThat(row(html, "servers.eu-1.email.sender")).contains("from region eu", "disabled",
                "EU &lt;eu@example.com&gt;");
        assertThat(row(html, "servers.eu-1.email.smtp.host")).contains("inherited from global", "value=\"127.0.0.1\"");
        assertThat(row(html, "servers.eu-1.email.smtp.connect-timeout")).contains("<span class=\"origin\">default");
        assertThat(admin.get("/regions/eu", "alice").body()).contains("<h1>Region eu</h1>")
                .contains("data-key=\"servers.eu.email.sender\"");
    }

    @Test
    void settingsThatDoNotApplyToTheDeliveryMethodAreHidden() throws Exception {
        String smtp = row(admin.get("/", "alice").body(), "email.smtp.host");
        assertThat(smtp).contains("data-when-key=\"email.delivery-method\" data-when-values=\"smtp\"")
                .doesNotContain(" hidden>");

        admin.apply(c -> c.set("email.delivery-method", "fake"));

        assertThat(row(admin.get("/", "alice").body(), "email.smtp.host")).contains(" hidden>");
    }

    @Test
    void theSettingsOfADisabledChannelAreHiddenWithTheirValuesKept() throws Exception {
        admin.apply(c -> c.set("email.enabled", "false"));

        String page = admin.get("/", "alice").body();

        assertThat(row(page, "email.smtp.port")).contains("data-channel-switch=\"email.enabled\"", " hidden>",
                "value=\"1\"");
        assertThat(row(page, "email.sender")).contains(" hidden>");
        assertThat(row(page, "email.enabled")).doesNotContain("data-channel-switch").doesNotContain(" hidden>");
        assertThat(row(page, "sms.enabled")).doesNotContain(" hidden>");
        assertThat(form(page)).containsEntry("email.smtp.port", "1").containsEntry("email.smtp.host", "127.0.0.1");
        assertThat(admin.post("/save", "alice", form(page)).headers().firstValue("location")).contains("/?saved=none");
    }

    @Test
    void saveAppliesTheEditsWithTheAdministratorAsAuthor() throws Exception {
        Map<String, String> form = form(admin.get("/servers/eu-1", "alice").body());
        form.put("mode:email.smtp.host", "set");
        form.put("email.smtp.host", "relay.example.com");
        form.put("mode:email.smtp.port", "inherit");
        form.put("comment", "move eu-1 to the relay");

        HttpResponse<String> response = admin.post("/save", "alice", form);

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("location")).contains("/servers/eu-1?saved=2");
        assertThat(admin.store.snapshot().value("servers.eu-1.email.smtp.host")).contains("relay.example.com");
        assertThat(admin.store.snapshot().value("servers.eu-1.email.smtp.port")).isEmpty();
        HistoryEntry entry = admin.store.history(1, 10).get(0);
        assertThat(entry.author()).isEqualTo("alice");
        assertThat(entry.comment()).contains("move eu-1 to the relay");
        String page = admin.get("/servers/eu-1?saved=2", "alice").body();
        assertThat(page).contains("Saved as version 2");
        assertThat(row(page, "servers.eu-1.email.smtp.port")).contains("inherited from global", "value=\"1\"");
    }

    @Test
    void anUntouchedFormSavesNothing() throws Exception {
        HttpResponse<String> response = admin.post("/save", "alice", form(admin.get("/servers/eu-1", "alice").body()));

        assertThat(response.headers().firstValue("location")).contains("/servers/eu-1?saved=none");
        assertThat(admin.store.snapshot().version()).isEqualTo(1);
    }

    @Test
    void anInvalidPortIsShownByTheFieldWithItsFullKeyAndNothingIsSaved() throws Exception {
        Map<String, String> form = form(admin.get("/servers/eu-1", "alice").body());
        form.put("email.smtp.port", "99999");
        form.put("mode:email.smtp.host", "set");
        form.put("email.smtp.host", "relay.example.com");

        HttpResponse<String> response = admin.post("/save", "alice", form);

        assertThat(response.statusCode()).isEqualTo(422);
        String port = row(response.body(), "servers.eu-1.email.smtp.port");
        assertThat(port).contains("<p class=\"error\" id=\"error-email.smtp.port\">servers.eu-1.email.smtp.port: ",
                "value=\"99999\"");
        assertThat(row(response.body(), "servers.eu-1.email.smtp.host")).contains("value=\"relay.example.com\"")
                .doesNotContain("class=\"error\"");
        assertThat(admin.store.snapshot().version()).isEqualTo(1);
        assertThat(admin.store.snapshot().value("servers.eu-1.email.smtp.host")).isEmpty();
    }

    @Test
    void aSaveOverAnotherAdministratorsChangeShowsTheConflictAndSavesNothing() throws Exception {
        Map<String, String> aliceForm = form(admin.get("/servers/eu-1", "alice").body());
        Map<String, String> carolForm = form(admin.get("/servers/eu-1", "carol").body());
        carolForm.put("email.smtp.port", "2600");
        carolForm.put("comment", "carol's port");
        assertThat(admin.post("/save", "carol", carolForm).statusCode()).isEqualTo(303);

        aliceForm.put("email.smtp.port", "2700");
        HttpResponse<String> response = admin.post("/save", "alice", aliceForm);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).contains("<section id=\"conflict\"", "by carol",
                "servers.eu-1.email.smtp.port: 2525 -&gt; 2600", "carol&#39;s port", "name=\"version\" value=\"2\"");
        assertThat(row(response.body(), "servers.eu-1.email.smtp.port")).contains("value=\"2700\"");
        assertThat(admin.store.snapshot().value("servers.eu-1.email.smtp.port")).contains("2600");

        Map<String, String> again = form(response.body());
        assertThat(admin.post("/save", "alice", again).statusCode()).as("a deliberate second save").isEqualTo(303);
        assertThat(admin.store.snapshot().value("servers.eu-1.email.smtp.port")).contains("2700");
    }

    @Test
    void testEmailUsesTheUnsavedEditsAndSavesNothing() throws Exception {
        Map<String, String> form = form(admin.get("/servers/eu-1", "alice").body());
        form.put("email.smtp.port", Integer.toString(SMTP.port()));
        form.put("mode:email.smtp.host", "set");
        form.put("email.smtp.host", SMTP.host());
        form.put("test-recipient", "ops@example.com");

        HttpResponse<String> response = admin.post("/test-email", "alice", form);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<h2 class=\"ok\">Test Email: Accepted</h2>", "ops@example.com");
        assertThat(SMTP.awaitMessages(1, Duration.ofSeconds(10))).hasSize(1);
        assertThat(SMTP.messages().get(0).to()).extracting(Object::toString).anyMatch(a -> a.contains("ops@example.com"));
        assertThat(row(response.body(), "servers.eu-1.email.smtp.port")).as("the edit stays on the page")
                .contains("value=\"" + SMTP.port() + "\"");
        assertThat(admin.store.snapshot().version()).isEqualTo(1);
    }

    @Test
    void testEmailRefusedByTheServerShowsTheFailure() throws Exception {
        Map<String, String> form = form(admin.get("/", "alice").body());

        HttpResponse<String> response = admin.post("/test-email", "alice", form);

        assertThat(response.body()).contains("Test Email: ", "class=\"failed\"");
        assertThat(response.body()).contains("<section id=\"result\" aria-live=\"polite\"><h2 class=\"failed\">");
    }

    @Test
    void anUnparsableUnsavedValueIsShownByItsFieldAndNothingIsSent() throws Exception {
        Map<String, String> form = form(admin.get("/", "alice").body());
        form.put("email.smtp.port", "not-a-port");

        HttpResponse<String> response = admin.post("/test-email", "alice", form);

        assertThat(response.body()).contains("fix the settings marked below");
        assertThat(row(response.body(), "email.smtp.port")).contains("<p class=\"error\" id=\"error-email.smtp.port\">"
                + "email.smtp.port: ");
        assertThat(SMTP.connections()).isZero();
    }

    @Test
    void checkProbesWithTheUnsavedEditsWithoutSending() throws Exception {
        Map<String, String> form = form(admin.get("/", "alice").body());
        form.put("email.smtp.port", Integer.toString(SMTP.port()));
        form.put("email.smtp.host", SMTP.host());

        HttpResponse<String> response = admin.post("/check", "alice", form);

        assertThat(response.body()).contains("<h2 class=\"ok\">Check: OK</h2>", "<dt>greeting</dt>");
        assertThat(SMTP.messages()).isEmpty();
    }

    @Test
    void testSmsSendsWithTheUnsavedEdits() throws Exception {
        Map<String, String> form = form(admin.get("/", "alice").body());
        form.put("mode:sms.enabled", "set");
        form.put("sms.enabled", "true");
        form.put("mode:sms.delivery-method", "set");
        form.put("sms.delivery-method", "fake");
        form.put("test-sms-recipient", "+41791234567");

        HttpResponse<String> response = admin.post("/test-sms", "alice", form);

        assertThat(response.body()).contains("Test SMS: Accepted");
        assertThat(admin.outbox.smsTo("+41791234567")).hasSize(1);
    }

    @Test
    void testsAreRateLimitedPerAdministratorWithAClearMessage() throws Exception {
        admin.close();
        admin = new AdminHarness(dir, b -> b.testRateLimit(1, Duration.ofMinutes(1)));
        Map<String, String> form = form(admin.get("/", "alice").body());

        assertThat(admin.post("/check", "alice", form).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = admin.post("/test-email", "alice", form);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).contains("Too many tests: at most 1 tests per minute for each administrator. "
                + "Try again in 60 seconds.");
        assertThat(limited.headers().firstValue("retry-after")).contains("60");
        Map<String, String> carolForm = form(admin.get("/", "carol").body());
        assertThat(admin.post("/check", "carol", carolForm).statusCode()).as("another administrator").isEqualTo(200);

        admin.time.advance(Duration.ofMinutes(1));
        assertThat(admin.post("/check", "alice", form).statusCode()).isEqualTo(200);
    }

    @Test
    void fleetListsServersWithTheirOverridesAndTheDiffShowsWhatDiffers() throws Exception {
        String fleet = admin.get("/fleet", "alice").body();

        assertThat(fleet).contains("<tr data-server=\"eu-1\"><th scope=\"row\"><a href=\"/servers/eu-1\">eu-1</a></th>"
                + "<td>server</td><td>eu</td><td class=\"overrides\">1</td>");
        assertThat(fleet).contains("<a href=\"/regions/eu\">eu</a></th><td>region</td><td>global</td>");

        String diff = admin.get("/servers/eu-1/diff", "alice").body();
        assertThat(diff).contains("what differs from region eu",
                "<th scope=\"row\">servers.eu-1.email.smtp.port</th><td>2525</td><td>1</td>")
                .doesNotContain("email.sender");
    }

    @Test
    void aFleetOfTwoHundredServersRenders() throws Exception {
        admin.apply(c -> {
            for (int i = 0; i < 200; i++) {
                c.addServer("s-" + i, "eu").set("servers.s-" + i + ".email.smtp.port", Integer.toString(3000 + i));
            }
            return c;
        });

        HttpResponse<String> fleet = admin.get("/fleet", "alice");
        HttpResponse<String> server = admin.get("/servers/s-150", "alice");

        assertThat(fleet.statusCode()).isEqualTo(200);
        assertThat(fleet.body().split("<tr data-server=", -1)).hasSize(203);
        assertThat(row(server.body(), "servers.s-150.email.smtp.port")).contains("value=\"3150\"");
    }

    @Test
    void historyShowsChangesWithAuthorsAndNoSecret() throws Exception {
        admin.apply(c -> c.set("email.smtp.auth.password", "hunter2-secret").comment("<script>alert(1)</script>"));

        String history = admin.get("/history", "alice").body();

        assertThat(history).contains("<td>setup</td>", "email.smtp.auth.password: set",
                "&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("hunter2-secret", "<script>alert");
    }

    @Test
    void staticFilesAreServedFromTheJar() throws Exception {
        HttpResponse<String> js = admin.get("/static/admin.js", "alice");
        HttpResponse<String> css = admin.get("/static/admin.css", "alice");

        assertThat(js.headers().firstValue("content-type")).contains("text/javascript; charset=utf-8");
        assertThat(js.body()).contains("updateVisibility");
        assertThat(css.headers().firstValue("content-type")).contains("text/css; charset=utf-8");
        assertThat(admin.get("/static/other.js", "alice").statusCode()).isEqualTo(404);
    }

    @Test
    void pagesHaveNoInlineScriptOrStyle() throws Exception {
        for (String path : List.of("/", "/servers/eu-1", "/fleet", "/history", "/servers/eu-1/diff")) {
            String html = admin.get(path, "alice").body();
            assertThat(html).as(path).doesNotContain(" style=", " onclick=", "<style")
                    .containsOnlyOnce("<script").contains("<script src=\"/static/admin.js\" defer></script>");
        }
    }

    @Test
    void handlerMountedBelowAPrefixLinksBelowIt() {
        AdminPage page = AdminPage.builder(admin.store, r -> java.util.Optional.of(Administrator.of("a", "A", null)))
                .mountPath("/app/admin").build();

        WebResponse response = page.handle(WebRequest.builder("GET", "/servers/eu-1").build());

        assertThat(response.bodyText()).contains("action=\"/app/admin/save\"", "href=\"/app/admin/static/admin.css\"",
                "formaction=\"/app/admin/test-email\"");
        assertThat(response.header("Content-Security-Policy")).contains(SecurityHeaders.CONTENT_SECURITY_POLICY);
    }
}
