package dev.notify.reliability.support;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.notify.CheckReport;
import dev.notify.SendResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event at DEBUG and above on the root logger during a test, collects the exceptions,
 * results and check reports the test hands it, and fails the test when any of them contains one of the
 * {@link KnownSecrets} in any {@linkplain KnownSecrets#leakForms() leak form}. Exceptions are scanned with their
 * whole cause chain, suppressed exceptions and stack traces.
 *
 * <p>This class is threadsafe.
 */
public final class SecretScan implements BeforeEachCallback, AfterEachCallback {

    /**
     * Loggers of the loopback test servers (WireMock's Jetty, GreenMail), which receive the secrets on the wire by
     * design; everything else, notify and the client libraries it uses included, is scanned.
     */
    private static final List<String> TEST_SERVER_LOGGERS = List.of("org.eclipse.jetty.", "com.github.tomakehurst.",
            "org.wiremock.", "wiremock.", "com.icegreen.");

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final List<String> outputs = new CopyOnWriteArrayList<>();
    private Level previousLevel;

    /** Adds an exception, result, report or any value (by its toString) to what is scanned. */
    public <T> T scan(T value) {
        outputs.add(describe(value));
        return value;
    }

    /** What the client side logged so far, one line per event, stack traces included. */
    public String logText() {
        StringBuilder text = new StringBuilder();
        for (ILoggingEvent e : List.copyOf(appender.list)) {
            if (TEST_SERVER_LOGGERS.stream().anyMatch(e.getLoggerName()::startsWith)) {
                continue;
            }
            text.append(e.getLevel()).append(' ').append(e.getLoggerName()).append(' ')
                    .append(e.getFormattedMessage()).append('\n');
            if (e.getThrowableProxy() != null) {
                text.append(ThrowableProxyUtil.asString(e.getThrowableProxy())).append('\n');
            }
        }
        return text.toString();
    }

    /** How many events came from notify's own loggers. */
    public long notifyEvents() {
        return List.copyOf(appender.list).stream().filter(e -> e.getLoggerName().startsWith("dev.notify")).count();
    }

    /** How many values were handed to {@link #scan}. */
    public int scanned() {
        return outputs.size();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        previousLevel = root.getLevel();
        appender.list.clear();
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.DEBUG);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAppender(appender);
        root.setLevel(previousLevel);
        appender.stop();
        if (context.getExecutionException().isPresent()) {
            return;
        }
        assertNoLeak("the log", logText());
        for (String output : outputs) {
            assertNoLeak("a scanned value", output);
        }
    }

    /** Fails when {@code text} contains a leak form. */
    public static void assertNoLeak(String where, String text) {
        String leak = KnownSecrets.leakIn(text);
        assertThat(leak).as("a secret (%s) leaked into %s:%n%s", leak, where, text).isNull();
    }

    /** The text a value shows: an exception with its causes and stack, a result or report with every field. */
    public static String describe(Object value) {
        if (value instanceof Throwable t) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            StringBuilder text = new StringBuilder(trace.toString());
            for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
                text.append('\n').append(c).append('\n').append(c.getMessage());
                if (c instanceof jakarta.mail.MessagingException m && m.getNextException() != null) {
                    text.append('\n').append(describe(m.getNextException()));
                }
            }
            if (t instanceof dev.notify.DeliveryException d) {
                text.append('\n').append(d.rejectedRecipients());
            }
            if (t instanceof dev.notify.SettingsException s) {
                text.append('\n').append(s.problems());
            }
            if (t instanceof dev.notify.InvalidMessageException i) {
                text.append('\n').append(i.problems());
            }
            return text.toString();
        }
        if (value instanceof SendResult r) {
            return r + "\n" + r.details() + "\n" + r.rejected() + "\n" + r.accepted() + "\n" + r.messageId();
        }
        if (value instanceof CheckReport c) {
            return c + "\n" + c.items() + "\n" + c.failure();
        }
        return String.valueOf(value);
    }
}
