package dev.notify.graph.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.message.EmailMessage;
import dev.notify.settings.Settings;
import dev.notify.spi.Sender;
import dev.notify.testkit.graph.GraphServerExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TokenRenewalTest {

    @RegisterExtension
    static final GraphServerExtension graph = GraphServerExtension.create();

    private final MutableClock clock = new MutableClock();

    @Test
    void shortLivedTokenIsUsedForHalfItsLifetimeThenRenewedBeforeItExpires() {
        graph.tokenLifetime(Duration.ofSeconds(60));

        try (Sender sender = sender()) {
            sender.send(mail(1));
            clock.advance(Duration.ofSeconds(25));
            sender.send(mail(2));
            assertThat(graph.tokenRequests()).hasSize(1);

            clock.advance(Duration.ofSeconds(10));
            sender.send(mail(3));
        }

        assertThat(graph.tokenRequests()).hasSize(2);
        assertThat(graph.sentMails().get(2).accessToken()).isNotEqualTo(graph.sentMails().get(0).accessToken());
        assertThat(graph.sentMails().get(1).accessToken()).isEqualTo(graph.sentMails().get(0).accessToken());
    }

    @Test
    void longLivedTokenIsRenewedFiveMinutesBeforeItExpires() {
        try (Sender sender = sender()) {
            sender.send(mail(1));
            clock.advance(Duration.ofMinutes(54));
            sender.send(mail(2));
            assertThat(graph.tokenRequests()).hasSize(1);

            clock.advance(Duration.ofMinutes(1).plusSeconds(5));
            sender.send(mail(3));
        }

        assertThat(graph.tokenRequests()).hasSize(2);
    }

    private Sender sender() {
        return GraphSender.create(Settings.builder().global(graph.layer()).build().resolveGlobal(),
                Tls.trusting(graph.trustStore()), clock);
    }

    private static EmailMessage mail(int n) {
        return EmailMessage.builder().from(GraphServerExtension.DEFAULT_SENDER).to("alice@example.com")
                .subject("mail " + n).text("text").messageId("<m" + n + "@contoso.example>").build();
    }
}
