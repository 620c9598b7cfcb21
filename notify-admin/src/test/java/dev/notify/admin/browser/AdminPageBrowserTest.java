package dev.notify.admin.browser;

import static dev.notify.admin.browser.AdminSite.ALICE;
import static dev.notify.admin.browser.AdminSite.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.Notifier;
import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import dev.notify.store.HistoryEntry;
import dev.notify.store.ChangeSet;
import java.nio.file.StandardCopyOption;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import dev.notify.testkit.smtp.SmtpServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin page in a real browser, the way an administrator uses it: the operating system's headless Chromium
 * against the page served by the JDK's HTTP server over a settings file, sending through the test kit's SMTP
 * server. Skipped, with how to install them, when Chromium or chromedriver is missing. Also takes the README's
 * screenshots.
 */
class AdminPageBrowserTest {

    private static final String SMTP_PASSWORD = "smtp-Pa55-" + Long.toHexString(System.nanoTime());
    private static final String SCRIPT = "<script>alert(1)</script>";
    /** Copies the screenshots the README shows from {@code target/screenshots/} to the folder it names. */
    static final String SCREENSHOTS_COPY_TO = "notify.admin.screenshots";
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 1100;

    @RegisterExtension
    static final Chromium CHROMIUM = new Chromium();

    @RegisterExtension
    final SmtpServerExtension smtp = SmtpServerExtension.plain().withUser("app", SMTP_PASSWORD);

    @TempDir
    Path directory;

    private AdminSite site;

    @BeforeEach
    void start() {
        site = new AdminSite(directory, smtp, SMTP_PASSWORD);
    }

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void switchingTheDeliveryMethodShowsThatMethodsFieldsWithoutAReload() {
        WebDriver browser = site.signIn(CHROMIUM.open(), ALICE, "/");
        ((JavascriptExecutor) browser).executeScript("window.notifyNoReload = true;");
        assertThat(row(browser, "email.smtp.host").isDisplayed()).isTrue();
        assertThat(row(browser, "email.graph.save-to-sent-items").isDisplayed()).isFalse();

        new Select(browser.findElement(By.id("email.delivery-method"))).selectByValue("graph");

        waiting(browser).until(ExpectedConditions.visibilityOf(row(browser, "email.graph.save-to-sent-items")));
        waiting(browser).until(ExpectedConditions.invisibilityOf(row(browser, "email.smtp.host")));
        assertThat(row(browser, "email.smtp.port").isDisplayed()).isFalse();
        assertThat(row(browser, "email.sender").isDisplayed()).as("a key of every method").isTrue();
        assertThat(((JavascriptExecutor) browser).executeScript("return window.notifyNoReload === true;"))
                .as("the page was not reloaded").isEqualTo(true);

        new Select(browser.findElement(By.id("email.delivery-method"))).selectByValue("smtp");

        waiting(browser).until(ExpectedConditions.visibilityOf(row(browser, "email.smtp.host")));
        assertThat(row(browser, "email.graph.save-to-sent-items").isDisplayed()).isFalse();
    }

    @Test
    void switchingEmailOffHidesTheEmailSettingsWithoutAReloadAndKeepsTheirValues() {
        WebDriver browser = site.signIn(CHROMIUM.open(), ALICE, "/");
        JavascriptExecutor script = (JavascriptExecutor) browser;
        script.executeScript("window.notifyNoReload = true;");
        assertThat(row(browser, "email.smtp.host").isDisplayed()).isTrue();
        String host = browser.findElement(By.id("email.smtp.host")).getAttribute("value");
        assertThat(host).isNotEmpty();

        new Select(browser.findElement(By.id("email.enabled"))).selectByValue("false");

        waiting(browser).until(ExpectedConditions.invisibilityOf(row(browser, "email.smtp.host")));
        assertThat(row(browser, "email.sender").isDisplayed()).isFalse();
        assertThat(row(browser, "email.delivery-method").isDisplayed()).isFalse();
        assertThat(row(browser, "email.enabled").isDisplayed()).as("the switch itself").isTrue();
        assertThat(row(browser, "sms.enabled").isDisplayed()).as("the other channel's switch").isTrue();
        assertThat(browser.findElement(By.id("email.smtp.host")).getAttribute("value")).isEqualTo(host);
        assertThat(script.executeScript("return window.notifyNoReload === true;")).as("the page was not reloaded")
                .isEqualTo(true);

        browser.findElement(By.id("save")).click();

        waiting(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Saved as version"));
        assertThat(site.store().snapshot().value("email.enabled")).contains("false");
        assertThat(site.store().snapshot().value("email.smtp.host")).as("hidden, not dropped").contains(host);
        assertThat(row(browser, "email.smtp.host").isDisplayed()).as("hidden when the page loads").isFalse();

        new Select(browser.findElement(By.id("email.enabled"))).selectByValue("true");

        waiting(browser).until(ExpectedConditions.visibilityOf(row(browser, "email.smtp.host")));
        assertThat(row(browser, "email.graph.save-to-sent-items").isDisplayed())
                .as("still hidden by the delivery method").isFalse();
    }

    @Test
    void overrideAndResetOnAServerPageShowWhereTheValueComesFromAndSaveOnlyWhatIsSetHere() {
        WebDriver browser = site.signIn(CHROMIUM.open(), ALICE, "/servers/eu-1");
        WebElement sender = browser.findElement(By.id("email.sender"));
        assertThat(origin(browser, "servers.eu-1.email.sender")).isEqualTo("from region eu");
        assertThat(sender.getAttribute("value")).isEqualTo(AdminSite.EU_SENDER);
        assertThat(sender.isEnabled()).isFalse();
        assertThat(origin(browser, "servers.eu-1.email.smtp.port")).isEqualTo("inherited from global");

        button(browser, "servers.eu-1.email.sender", "override").click();

        assertThat(origin(browser, "servers.eu-1.email.sender")).isEqualTo("set here");
        assertThat(sender.isEnabled()).isTrue();
        sender.clear();
        sender.sendKeys("Server One <one@example.com>");

        button(browser, "servers.eu-1.email.sender", "reset").click();

        assertThat(origin(browser, "servers.eu-1.email.sender")).isEqualTo("from region eu");
        assertThat(sender.getAttribute("value")).isEqualTo(AdminSite.EU_SENDER);
        assertThat(sender.isEnabled()).isFalse();

        button(browser, "servers.eu-1.email.smtp.port", "override").click();
        WebElement port = browser.findElement(By.id("email.smtp.port"));
        port.clear();
        port.sendKeys("2525");
        long before = site.store().snapshot().version();
        browser.findElement(By.id("save")).click();

        waiting(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Saved as version"));
        assertThat(site.store().snapshot().version()).isEqualTo(before + 1);
        assertThat(site.store().snapshot().value("servers.eu-1.email.smtp.port")).contains("2525");
        assertThat(site.store().snapshot().value("servers.eu-1.email.sender")).as("reset before the save").isEmpty();
        assertThat(origin(browser, "servers.eu-1.email.smtp.port")).isEqualTo("set here");

        button(browser, "servers.eu-1.email.smtp.port", "reset").click();
        browser.findElement(By.id("save")).click();

        waiting(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"),
                "Saved as version " + (before + 2)));
        assertThat(site.store().snapshot().value("servers.eu-1.email.smtp.port")).isEmpty();
        assertThat(origin(browser, "servers.eu-1.email.smtp.port")).isEqualTo("inherited from global");
    }

    @Test
    void aSaveWithAnInvalidPortShowsTheErrorByTheFieldAndSavesNothing() throws Exception {
        WebDriver browser = site.signIn(CHROMIUM.open(), ALICE, "/");
        long before = site.store().snapshot().version();
        byte[] file = Files.readAllBytes(site.file());
        WebElement port = browser.findElement(By.id("email.smtp.port"));
        port.clear();
        port.sendKeys("99999");

        browser.findElement(By.id("save")).click();

        WebElement error = waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".setting[data-key='email.smtp.port'] p.error")));
        assertThat(error.getText()).startsWith("email.smtp.port");
        assertThat(browser.findElement(By.id("email.smtp.port")).getAttribute("value")).as("the edit is kept")
                .isEqualTo("99999");
        assertThat(browser.findElement(By.id("email.smtp.port")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(site.store().snapshot().version()).isEqualTo(before);
        assertThat(Files.readAllBytes(site.file())).isEqualTo(file);
    }

    @Test
    void aValidSaveIsUsedByTheNextSendWithoutARestart() {
        try (SmtpServerExtension other = SmtpServerExtension.plain().withUser("app", SMTP_PASSWORD).start();
                Notifier notifier = Notifier.builder().settings(site.store()).build()) {
            notifier.server("us-1").sendEmail(message("before"));
            smtp.awaitMessages(1, Duration.ofSeconds(10));
            WebDriver browser = site.signIn(CHROMIUM.open(), ALICE, "/");
            WebElement port = browser.findElement(By.id("email.smtp.port"));
            port.clear();
            port.sendKeys(Integer.toString(other.port()));

            browser.findElement(By.id("save")).click();
            waiting(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Saved"));
            notifier.server("us-1").sendEmail(message("after"));

            assertThat(other.awaitMessages(1, Duration.ofSeconds(10))).extracting(EmailMessage::subject)
                    .containsExactly("after");
            assertThat(smtp.messages()).extracting(EmailMessage::subject).containsExactly("before");
            assertThat(site.store().history(0, 10)).extracting(HistoryEntry::author).contains(ALICE);
        }
    }

    @Test
    void twoAdministratorsEditingTheSameServerSeeTheConflictAndTheSecondSavesNothing() {
        WebDriver alice = site.signIn(CHROMIUM.open(), ALICE, "/servers/eu-1");
        WebDriver bob = site.signIn(CHROMIUM.open(), BOB, "/servers/eu-1");

        button(alice, "servers.eu-1.email.smtp.port", "override").click();
        alice.findElement(By.id("email.smtp.port")).clear();
        alice.findElement(By.id("email.smtp.port")).sendKeys("2525");
        alice.findElement(By.id("save")).click();
        waiting(alice).until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Saved"));
        long afterAlice = site.store().snapshot().version();

        button(bob, "servers.eu-1.email.sender", "override").click();
        bob.findElement(By.id("email.sender")).clear();
        bob.findElement(By.id("email.sender")).sendKeys("Bob's Server <bob-server@example.com>");
        bob.findElement(By.id("save")).click();

        WebElement conflict = waiting(bob).until(ExpectedConditions.visibilityOfElementLocated(By.id("conflict")));
        assertThat(conflict.getText()).contains("by " + ALICE).contains("servers.eu-1.email.smtp.port");
        assertThat(bob.findElement(By.id("email.sender")).getAttribute("value")).as("bob's edit is kept")
                .isEqualTo("Bob's Server <bob-server@example.com>");
        assertThat(site.store().snapshot().version()).isEqualTo(afterAlice);
        assertThat(site.store().snapshot().value("servers.eu-1.email.sender")).isEmpty();
        assertThat(site.store().snapshot().value("servers.eu-1.email.smtp.port")).contains("2525");
    }

    @Test
    void testEmailWithUnsavedEditsReachesTheSmtpServerAndSavesNothing() {
        WebDriver browser = site.signIn(CHROMIUM.open(), ALICE, "/");
        long before = site.store().snapshot().version();
        WebElement sender = browser.findElement(By.id("email.sender"));
        sender.clear();
        sender.sendKeys("Unsaved Edit <unsaved-edit@example.com>");
        WebElement recipient = browser.findElement(By.id("test-recipient"));
        assertThat(recipient.getAttribute("value")).as("the signed-in administrator's address")
                .isEqualTo("alice@example.com");
        recipient.clear();
        recipient.sendKeys("someone@example.com");

        browser.findElement(By.id("test-email")).click();

        WebElement result = waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#result h2")));
        assertThat(result.getText()).isEqualTo("Test Email: Accepted");
        List<EmailMessage> received = smtp.awaitMessages(1, Duration.ofSeconds(10));
        assertThat(received.get(0).from()).map(EmailAddress::address).contains("unsaved-edit@example.com");
        assertThat(received.get(0).to()).extracting(EmailAddress::address).containsExactly("someone@example.com");
        assertThat(browser.findElement(By.id("email.sender")).getAttribute("value")).as("the edit is kept")
                .isEqualTo("Unsaved Edit <unsaved-edit@example.com>");
        assertThat(site.store().snapshot().version()).isEqualTo(before);
    }

    @Test
    void noPageEverHoldsASecretNotEvenOneJustTyped() {
        WebDriver browser = site.signIn(CHROMIUM.open(), ALICE, "/");
        for (String path : List.of("/", "/regions/eu", "/servers/eu-1", "/servers/eu-1/diff", "/fleet", "/history")) {
            browser.get(site.url(path));
            assertThat(browser.getPageSource()).as(path).doesNotContain(SMTP_PASSWORD).contains("</main>");
        }
        browser.get(site.url("/"));
        assertThat(browser.findElement(By.id("email.smtp.auth.password")).getAttribute("value")).isEmpty();
        assertThat(secretState(browser, "email.smtp.auth.password")).isEqualTo("set");
        String typed = "typed-S3cret-" + Long.toHexString(System.nanoTime());
        button(browser, "email.smtp.auth.password", "replace").click();
        browser.findElement(By.id("email.smtp.auth.password")).sendKeys(typed);
        WebElement port = browser.findElement(By.id("email.smtp.port"));
        port.clear();
        port.sendKeys("not-a-port");

        browser.findElement(By.id("save")).click();
        waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".setting p.error")));
        assertThat(browser.getPageSource()).doesNotContain(typed).doesNotContain(SMTP_PASSWORD);

        browser.get(site.url("/"));
        browser.findElement(By.id("test-email")).click();
        waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#result h2")));
        assertThat(browser.getPageSource()).doesNotContain(SMTP_PASSWORD);
    }

    @Test
    void markupInNamesAndValuesIsShownAsTextAndNoScriptRuns() {
        site.store().apply(ChangeSet.builder(site.store().snapshot().version(), "setup")
                .set("servers.eu.email.graph.scope", SCRIPT).build());
        WebDriver browser = site.signIn(CHROMIUM.open(), ALICE, "/servers/eu-1");
        assertThat(browser.findElement(By.id("email.graph.scope")).getAttribute("value")).isEqualTo(SCRIPT);
        noScriptButAdminJs(browser);

        browser.get(site.url("/"));
        browser.findElement(By.id("comment")).sendKeys(SCRIPT);
        WebElement port = browser.findElement(By.id("email.smtp.port"));
        port.clear();
        port.sendKeys("2526");
        browser.findElement(By.id("save")).click();
        waiting(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Saved"));
        browser.get(site.url("/history"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains(SCRIPT);
        noScriptButAdminJs(browser);

        browser.get(site.url("/servers/" + SCRIPT));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("/servers/" + SCRIPT);
        noScriptButAdminJs(browser);
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefusedAndSavesNothing() {
        WebDriver browser = site.signIn(CHROMIUM.open(), ALICE, "/");
        long before = site.store().snapshot().version();
        ((JavascriptExecutor) browser).executeScript("document.querySelector('input[name=csrf]').remove();");
        WebElement port = browser.findElement(By.id("email.smtp.port"));
        port.clear();
        port.sendKeys("2527");

        browser.findElement(By.id("save")).click();

        WebElement message = waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Refused");
        assertThat(message.getText()).contains("CSRF");
        assertThat(site.store().snapshot().version()).isEqualTo(before);

        browser.get(site.url("/"));
        ((JavascriptExecutor) browser).executeScript(
                "document.querySelector('input[name=csrf]').value = 'forged';");
        browser.findElement(By.id("test-email")).click();
        waiting(browser).until(ExpectedConditions.textToBe(By.tagName("h1"), "Refused"));
        assertThat(smtp.connections()).as("nothing was sent").isZero();
    }

    /**
     * The screenshots the README shows: the top of the global page, and the SMTP section of a server page with one
     * value set here and the others inherited. Written to {@code target/screenshots/}; with
     * {@code -Dnotify.admin.screenshots=DIR} (the README's {@code docs/}) also copied there.
     */
    @Test
    void screenshotsOfTheGlobalPageAndAServerPage() throws Exception {
        site.store().apply(ChangeSet.builder(site.store().snapshot().version(), ALICE)
                .comment("eu-1 relays through its own port").set("servers.eu-1.email.smtp.port", "2525").build());
        WebDriver browser = site.signIn(CHROMIUM.open(), ALICE, "/");
        Path global = save(browser, "admin-global.png", "main");

        browser.get(site.url("/servers/eu-1"));
        Path server = save(browser, "admin-server.png", "#section-email\\.smtp");

        for (Path png : new Path[] {global, server}) {
            java.nio.ByteBuffer header = java.nio.ByteBuffer.wrap(Files.readAllBytes(png));
            assertThat(header.getLong(0)).as("PNG signature").isEqualTo(0x89504E470D0A1A0AL);
            assertThat(header.getInt(16)).as(png + ": width").isEqualTo(WIDTH);
            assertThat(header.getInt(20)).as(png + ": height").isGreaterThan(HEIGHT / 2);
        }
    }

    /** The window, {@value #WIDTH} by {@value #HEIGHT}, scrolled to the element {@code selector} finds. */
    private static Path save(WebDriver browser, String name, String selector) throws Exception {
        browser.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView(true);",
                browser.findElement(By.cssSelector(selector)));
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Path file = Path.of("target", "screenshots", name);
        Files.createDirectories(file.getParent());
        Files.write(file, png);
        String copyTo = System.getProperty(SCREENSHOTS_COPY_TO, "");
        if (!copyTo.isBlank()) {
            Path target = Path.of(copyTo).resolve(name);
            Files.createDirectories(target.getParent());
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    private static void noScriptButAdminJs(WebDriver browser) {
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        List<WebElement> scripts = browser.findElements(By.tagName("script"));
        assertThat(scripts).allSatisfy(s -> assertThat(s.getAttribute("src")).endsWith("/static/admin.js"));
        assertThat(browser.getPageSource()).doesNotContain(SCRIPT);
    }

    private static EmailMessage message(String subject) {
        return EmailMessage.builder().to("user@example.com").subject(subject).text(subject).build();
    }

    static WebDriverWait waiting(WebDriver browser) {
        return new WebDriverWait(browser, Chromium.WAIT);
    }

    static WebElement row(WebDriver browser, String fullKey) {
        return browser.findElement(By.cssSelector(".setting[data-key='" + fullKey + "']"));
    }

    private static String origin(WebDriver browser, String fullKey) {
        return row(browser, fullKey).findElement(By.className("origin")).getText();
    }

    private static String secretState(WebDriver browser, String fullKey) {
        return row(browser, fullKey).findElement(By.className("secret-state")).getText();
    }

    private static WebElement button(WebDriver browser, String fullKey, String kind) {
        return row(browser, fullKey).findElement(By.cssSelector("button." + kind));
    }
}
