package dev.notify.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.SettingsException;
import dev.notify.message.EmailMessage;
import dev.notify.settings.Layer;
import dev.notify.smtp.SmtpSettingKeys;
import dev.notify.smtp.TlsMode;
import dev.notify.spi.Delivery;
import dev.notify.testkit.smtp.SmtpServerExtension;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Delivery to real servers on loopback in each TLS mode, with and without AUTH, and refused settings. */
class DeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void plainSmtpDeliversWithoutAuth() {
        assertDelivers(SmtpServerExtension::plain);
    }

    @Test
    void plainSmtpDeliversWithAuth() {
        assertDelivers(() -> SmtpServerExtension.plain().withUser("portal", "pl41n-secret"));
    }

    @Test
    void startTlsDeliversWithoutAuth() {
        assertDelivers(SmtpServerExtension::startTls);
    }

    @Test
    void startTlsDeliversWithAuth() {
        assertDelivers(() -> SmtpServerExtension.startTls().withUser("portal", "st4rt-secret"));
    }

    @Test
    void implicitTlsDeliversWithoutAuth() {
        assertDelivers(SmtpServerExtension::implicitTls);
    }

    @Test
    void implicitTlsDeliversWithAuth() {
        assertDelivers(() -> SmtpServerExtension.implicitTls().withUser("portal", "smtps-secret"));
    }

    @Test
    void wrongPasswordIsASettingsErrorNamingUserAndServerWithoutThePassword() {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withUser("portal", "right-secret").start();
                SmtpSender sender = TestSettings.sender(Layer.builder(smtp.layer())
                        .set(SmtpSettingKeys.AUTH_PASSWORD.name(), "Wr0ng-Pa55word").build())) {
            assertThatThrownBy(() -> sender.send(TestSettings.message()))
                    .isInstanceOfSatisfying(SettingsException.class, e -> {
                        assertThat(e.problems()).hasSize(1);
                        assertThat(e.problems().get(0).key()).isEqualTo("email.smtp.auth.username");
                        assertThat(e.problems().get(0).message())
                                .contains("authentication failed for user portal at 127.0.0.1:" + smtp.port())
                                .contains("email.smtp.auth.password");
                    })
                    .satisfies(e -> assertThat(stackText(e)).doesNotContain("Wr0ng-Pa55word"));
            assertThat(smtp.messages()).isEmpty();
        }
    }

    @Test
    void startTlsRequiredButNotOfferedSendsNothing() {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().start();
                SmtpSender sender = TestSettings.sender(Layer.builder(smtp.layer())
                        .set(SmtpSettingKeys.TLS, TlsMode.STARTTLS).build())) {
            assertThatThrownBy(() -> sender.send(TestSettings.message()))
                    .isInstanceOfSatisfying(SettingsException.class, e -> {
                        assertThat(e.problems().get(0).key()).isEqualTo("email.smtp.tls");
                        assertThat(e.problems().get(0).message()).contains("does not offer STARTTLS")
                                .contains("nothing was sent");
                    });
            assertThat(smtp.messages()).isEmpty();
        }
    }

    private static void assertDelivers(Supplier<SmtpServerExtension> server) {
        try (SmtpServerExtension smtp = server.get().start(); SmtpSender sender = TestSettings.sender(smtp.layer())) {
            EmailMessage message = EmailMessage.builder()
                    .from(SmtpServerExtension.SENDER)
                    .to("alice@notify.example")
                    .cc("bob@notify.example")
                    .bcc("audit@notify.example")
                    .subject("Ticket 42 opened")
                    .text("Your ticket is open.")
                    .messageId("<ticket-42@notify.example>")
                    .build();

            Delivery delivery = sender.send(message);

            assertThat(delivery.messageId()).isEqualTo("<ticket-42@notify.example>");
            assertThat(delivery.accepted())
                    .containsExactly("alice@notify.example", "bob@notify.example", "audit@notify.example");
            assertThat(delivery.rejected()).isEmpty();
            List<EmailMessage> received = smtp.awaitMessages(1, WAIT);
            assertThat(received).hasSize(1);
            EmailMessage got = received.get(0);
            assertThat(got.subject()).isEqualTo("Ticket 42 opened");
            assertThat(got.text()).contains("Your ticket is open.");
            assertThat(got.messageId()).contains("<ticket-42@notify.example>");
            assertThat(got.to()).extracting(Object::toString).containsExactly("alice@notify.example");
            assertThat(got.cc()).extracting(Object::toString).containsExactly("bob@notify.example");
            assertThat(got.bcc()).extracting(Object::toString).containsExactly("audit@notify.example");
        }
    }

    static String stackText(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            b.append(t).append('\n');
            for (Throwable s : t.getSuppressed()) {
                b.append(s).append('\n');
            }
        }
        return b.toString();
    }
}
