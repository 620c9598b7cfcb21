package dev.notify.admin.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless browsers for the admin page's tests: the operating system's Chromium driven through its chromedriver,
 * never a browser or driver that Selenium Manager would download. Each {@link #open()} starts a browser with a
 * fresh profile. A browser takes seconds to start, so the browsers of a test class are kept for its next tests,
 * their cookies deleted and on a blank page, and quit after the class; each test gets the first, then the second...
 *
 * <p>When Chromium or chromedriver is missing the tests are skipped with a message that says how to install them.
 * Other paths: the system properties {@value #BINARY_PROPERTY} and {@value #DRIVER_PROPERTY}.
 */
final class Chromium implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    static final String BINARY_PROPERTY = "notify.test.chromium";
    static final String DRIVER_PROPERTY = "notify.test.chromedriver";
    static final String INSTALL_HINT = "Install them with 'sudo apt-get install chromium chromium-driver' (Debian, "
            + "Ubuntu) or 'bash .ci/install-chromium'; other paths with -D" + BINARY_PROPERTY + "=... -D"
            + DRIVER_PROPERTY + "=...";

    /** Selenium warns on every start that it has no DevTools support for this Chromium; no test uses DevTools. */
    private static final Logger DEVTOOLS_LOG = Logger.getLogger("org.openqa.selenium.devtools");

    /** How long a test waits for a page to reach a state it expects. */
    static final Duration WAIT = Duration.ofSeconds(15);

    private final List<Browser> started = new ArrayList<>();
    private int inUse;

    private record Browser(WebDriver driver, Path profile) {
    }

    private String missing;

    @Override
    public void beforeAll(ExtensionContext context) {
        Path binary = binary();
        Path driver = driver();
        if (!Files.isExecutable(binary) || !Files.isExecutable(driver)) {
            missing = "Skipping the admin page's browser tests: Chromium (" + binary + (Files.isExecutable(binary)
                    ? "" : ", missing") + ") and chromedriver (" + driver + (Files.isExecutable(driver) ? ""
                    : ", missing") + ") are needed. " + INSTALL_HINT;
            System.err.println(missing);
            return;
        }
        // Selenium Manager, which would look for or download a browser, is never asked: both paths are given.
        System.setProperty("SE_OFFLINE", "true");
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, driver.toString());
        DEVTOOLS_LOG.setLevel(Level.SEVERE);
    }

    /** Skips each test, so the build's summary counts them as skipped, with the message that says what to install. */
    @Override
    public void beforeEach(ExtensionContext context) {
        Assumptions.assumeTrue(missing == null, () -> missing);
    }

    /** Another headless browser for this test, 1280 pixels wide, without cookies, on a blank page. */
    WebDriver open() {
        if (inUse < started.size()) {
            return started.get(inUse++).driver();
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("notify-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--no-proxy-server", "--user-data-dir=" + profile);
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver().toFile())
                .usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 1024));
        started.add(new Browser(driver, profile));
        inUse++;
        return driver;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (Browser browser : started.subList(0, inUse)) {
            browser.driver().manage().deleteAllCookies();
            browser.driver().get("about:blank");
            browser.driver().manage().window().setSize(new Dimension(1280, 1024));
        }
        inUse = 0;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        for (Browser browser : started) {
            try {
                browser.driver().quit();
            } finally {
                delete(browser.profile());
            }
        }
        started.clear();
    }

    private static Path binary() {
        return Path.of(System.getProperty(BINARY_PROPERTY, "/usr/bin/chromium"));
    }

    private static Path driver() {
        return Path.of(System.getProperty(DRIVER_PROPERTY, "/usr/bin/chromedriver"));
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
