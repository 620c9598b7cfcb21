package dev.notify.reliability.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.CheckReport;
import dev.notify.Notifier;
import dev.notify.SettingsException;
import dev.notify.TransientDeliveryException;
import dev.notify.message.EmailMessage;
import dev.notify.reliability.support.FaultSettings;
import dev.notify.reliability.support.FaultySmtpServer;
import dev.notify.reliability.support.KnownSecrets;
import dev.notify.reliability.support.Outcome;
import dev.notify.reliability.support.Script;
import dev.notify.reliability.support.SecretScan;
import dev.notify.reliability.support.Step;
import dev.notify.settings.Layer;
import dev.notify.settings.Settings;
import dev.notify.smtp.SmtpSettingKeys;
import dev.notify.smtp.internal.SenderOptions;
import dev.notify.smtp.internal.SmtpSender;
import dev.notify.spi.SenderContext;
import dev.notify.testkit.time.ManualScheduler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The failure paths that handle credentials, run with a known password and client secret: a refused login, a
 * probe of broken servers, an unreachable OAuth token endpoint, settings printed for an admin page, and Jakarta
 * Mail's protocol trace. The {@link SecretScan} checks every DEBUG log event, exception and report; the fault
 * scenarios of the other classes run under the same scan.
 */
class SecretHygieneTest {

    @RegisterExtension
    final SecretScan scan = new SecretScan();

    private FaultySmtpServer server;
    private Notifier notifier;

    @BeforeEach
    void start() throws IOException {
        server = FaultySmtpServer.plain().account(KnownSecrets.USER, "a-different-password");
    }

    @AfterEach
    void stop() throws IOException {
        if (notifier != null) {
            notifier.close();
        }
        server.close();
    }

    @ParameterizedTest
    @MethodSource("dev.notify.reliability.support.KnownSecrets#leakForms")
    void theScanCatchesEveryLeakForm(String form) {
        assertThatThrownBy(() -> SecretScan.assertNoLeak("a test string", "prefix " + form + " suffix"))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void refusedLoginIsASettingsErrorNamingTheUserButNotThePassword() {
        notifier = FaultSettings.notifier(FaultSettings.smtp(server.port()).build());

        Outcome outcome = Outcome.send(notifier.global(), FaultSettings.message(), scan);

        assertThat(outcome.failure()).isInstanceOf(SettingsException.class)
                .hasMessageContaining("authentication failed for user " + KnownSecrets.USER)
                .hasMessageContaining("email.smtp.auth.password");
        assertThat(server.authentications()).isZero();
        assertThat(server.commands()).contains("AUTH");
        assertThat(scan.notifyEvents()).as("notify logged at DEBUG during the send").isPositive();
    }

    @Test
    void probesOfBrokenServersReportFailuresWithoutSecrets() throws IOException {
        notifier = FaultSettings.notifier(FaultSettings.smtp(server.port()).build());
        CheckReport refusedLogin = scan.scan(notifier.global().check());
        try (FaultySmtpServer refusing = FaultySmtpServer.plain().script(new Script() {
            @Override
            public Step greeting(int connection) {
                return Step.replyAndClose("421 4.3.2 Service not available");
            }
        })) {
            try (Notifier other = FaultSettings.notifier(FaultSettings.smtp(refusing.port()).build())) {
                CheckReport refusedConnection = scan.scan(other.global().check());

                assertThat(refusedConnection.ok()).isFalse();
                assertThat(refusedConnection.failure()).hasValueSatisfying(f -> assertThat(f).contains("421"));
            }
        }

        assertThat(refusedLogin.ok()).isFalse();
        assertThat(refusedLogin.failure()).hasValueSatisfying(f -> assertThat(f).contains(KnownSecrets.USER));
    }

    @Test
    void unreachableTokenEndpointFailsTransientlyWithoutTheClientSecret() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Layer layer = FaultSettings.smtp(server.port())
                .set(SmtpSettingKeys.AUTH_MECHANISM.name(), "xoauth2")
                .set(SmtpSettingKeys.AUTH_USERNAME, "portal@notify.example")
                .unset(SmtpSettingKeys.AUTH_PASSWORD)
                .set("email.graph.authority", "https://127.0.0.1:" + closedPort)
                .set("email.graph.connect-timeout", "500ms")
                .set("email.graph.read-timeout", "500ms")
                .set("email.retry.max-attempts", "2")
                .build();
        notifier = FaultSettings.notifier(layer);

        Outcome outcome = Outcome.send(notifier.global(), FaultSettings.message(), scan);
        CheckReport report = scan.scan(notifier.global().check());

        assertThat(outcome.failure()).isInstanceOf(TransientDeliveryException.class)
                .hasMessageContaining("OAuth token");
        assertThat(outcome.attempts()).isEqualTo(2);
        assertThat(report.ok()).isFalse();
        assertThat(server.commands()).doesNotContain("AUTH");
    }

    @Test
    void settingsPrintedForAnAdminPageMaskEverySecret() {
        Layer layer = FaultSettings.smtp(server.port()).build();
        Settings settings = Settings.of(layer);

        scan.scan(layer);
        scan.scan(settings);
        scan.scan(settings.resolveGlobal());
        scan.scan(settings.resolveGlobal().values());

        assertThat(settings.resolveGlobal().toString()).contains("email.smtp.auth.password").contains("********");
        assertThat(scan.scanned()).isEqualTo(4);
    }

    @Test
    void protocolTraceOfAFailedLoginNeverShowsTheAuthExchange() {
        ByteArrayOutputStream trace = new ByteArrayOutputStream();
        Layer layer = FaultSettings.smtp(server.port()).build();
        try (SmtpSender sender = SmtpSender.create(new SenderContext(Settings.of(layer).resolveGlobal().requireValid(),
                Clock.systemUTC(), ManualScheduler.startingAt(Instant.EPOCH)), SenderOptions.defaults().withDebugOut(new PrintStream(trace, true, StandardCharsets.UTF_8)))) {
            EmailMessage message = FaultSettings.message().toBuilder().from("portal@notify.example")
                    .messageId("<trace-1@notify.example>").build();

            assertThatThrownBy(() -> sender.send(message)).satisfies(scan::scan)
                    .isInstanceOf(SettingsException.class);
        }

        String text = trace.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("EHLO").contains("AUTH PLAIN");
        SecretScan.assertNoLeak("the Jakarta Mail trace", text);
    }
}
