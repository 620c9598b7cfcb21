package dev.notify.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Channel;
import dev.notify.CheckReport;
import dev.notify.Notifier;
import dev.notify.settings.Layer;
import dev.notify.settings.Settings;
import dev.notify.testkit.FakeSmsProvider;
import dev.notify.testkit.smtp.SmtpFault;
import dev.notify.testkit.smtp.SmtpServerExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The welcome email through notify-smtp's pipelined path, to a server that answers in pieces. */
class WelcomeServicePipelinedSmtpTest {

    private static final NewUser ALICE = new NewUser("Alice", "alice@example.com", "+1 555 010 1234");

    @RegisterExtension
    final SmtpServerExtension smtp = SmtpServerExtension.plain().withPipelining().withChunking()
            .withFault(SmtpFault.nthRcpt(2).reply(550, "5.1.1 no such user"))
            .withFault(SmtpFault.repliesInPieces(Duration.ofMillis(2)));

    private Notifier notifier;

    @BeforeEach
    void createNotifier() {
        Layer settings = Layer.builder(smtp.layer())
                .set("sms.enabled", "true")
                .set("sms.delivery-method", "fake")
                .build();
        notifier = Notifier.builder().settings(Settings.of(settings)).provider(new FakeSmsProvider()).build();
    }

    @AfterEach
    void closeNotifier() {
        notifier.close();
    }

    @Test
    void welcomeEmailArrivesInOneRoundTripThroughAServerThatAnswersInPieces() {
        Welcome welcome = new WelcomeService(notifier).welcome("eu-1", ALICE);

        assertThat(welcome.email().attempts()).isEqualTo(1);
        assertThat(smtp.messages()).singleElement()
                .satisfies(m -> assertThat(m.to()).extracting(Object::toString).contains("alice@example.com"));
        CheckReport check = notifier.server("eu-1").check(Channel.EMAIL);
        assertThat(check.item("pipelining")).contains("on, content as BDAT (CHUNKING offered)");
    }
}
