package dev.notify.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.PermanentDeliveryException;
import dev.notify.TransientDeliveryException;
import dev.notify.message.EmailMessage;
import dev.notify.settings.Layer;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.Settings;
import dev.notify.spi.Delivery;
import dev.notify.spi.EmailSender;
import dev.notify.spi.SendOutcome;
import dev.notify.spi.SenderContext;
import dev.notify.testkit.graph.GraphFault;
import dev.notify.testkit.graph.GraphServerExtension;
import dev.notify.testkit.time.ManualScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GraphSendQueuedListTest {

    private static final String SALES = "sales@contoso.example";
    private static final String SUPPORT = "support@contoso.example";

    @RegisterExtension
    static final GraphServerExtension graph = GraphServerExtension.create();

    @Test
    void fortyFiveMessagesForTwoMailboxesGoInThreeBatchesWithOneOutcomeEachInOrder() {
        List<EmailMessage> messages = IntStream.range(0, 45)
                .mapToObj(i -> mail(i, i % 2 == 0 || i >= 40 ? SALES : SUPPORT)).toList();

        List<SendOutcome> outcomes;
        try (EmailSender sender = sender()) {
            outcomes = sender.sendQueued(messages);
        }

        assertThat(graph.batchSizes()).containsExactly(20, 20, 5);
        assertThat(graph.sendMailRequestCount()).isEqualTo(45);
        assertThat(outcomes).hasSize(45);
        for (int i = 0; i < 45; i++) {
            Delivery delivery = outcomes.get(i).get();
            assertThat(delivery.messageId()).isEqualTo(messages.get(i).messageId().orElseThrow());
            assertThat(delivery.details()).containsEntry("graph.mailbox", messages.get(i).from().orElseThrow()
                    .address());
        }
        assertThat(graph.sentMails()).hasSize(45).filteredOn(m -> m.user().equals(SALES)).hasSize(25);
    }

    @Test
    void refusedAndThrottledRequestsInsideABatchHaveTheirOwnOutcomesAndTheSenderDoesNotRetry() {
        graph.failNextSendMails(1, GraphFault.error(400, "ErrorInvalidRecipients", "The recipient is invalid."))
                .failNextSendMails(1, GraphFault.throttled(Duration.ofSeconds(60)));
        List<EmailMessage> messages = IntStream.range(0, 5).mapToObj(i -> mail(i, SALES)).toList();

        List<SendOutcome> outcomes;
        try (EmailSender sender = sender()) {
            outcomes = sender.sendQueued(messages);
        }

        assertThat(outcomes).hasSize(5);
        assertThat(outcomes.get(0)).isInstanceOfSatisfying(SendOutcome.Failed.class, f -> assertThat(f.failure())
                .isInstanceOfSatisfying(PermanentDeliveryException.class, e -> {
                    assertThat(e.replyCode()).hasValue(400);
                    assertThat(e.getMessage()).contains("ErrorInvalidRecipients");
                }));
        assertThat(outcomes.get(1)).as("the notifier or the outbox retries, after the Retry-After")
                .isInstanceOfSatisfying(SendOutcome.Failed.class, f -> assertThat(f.failure())
                        .isInstanceOfSatisfying(TransientDeliveryException.class, e -> {
                            assertThat(e.replyCode()).hasValue(429);
                            assertThat(e.retryAfter()).contains(Duration.ofSeconds(60));
                        }));
        assertThat(outcomes.subList(2, 5)).allSatisfy(o -> assertThat(o.get().details())
                .containsEntry("graph.batch-size", "5"));
        assertThat(graph.batchSizes()).containsExactly(5);
        assertThat(graph.sendMailRequestCount()).isEqualTo(5);
        assertThat(graph.messages()).extracting(EmailMessage::subject)
                .containsExactlyInAnyOrder("notice 2", "notice 3", "notice 4");
    }

    @Test
    void messageOverTheSendMailLimitGoesAloneThroughTheDraftPathAmongBatchedOnes() {
        graph.roles("Mail.Send", "Mail.ReadWrite");
        List<EmailMessage> messages = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            EmailMessage mail = mail(i, SALES);
            messages.add(i == 3 ? mail.toBuilder().attach(GeneratedContent.attachment("big.bin", 5 * 1024 * 1024, 3))
                    .build() : mail);
        }
        messages.add(EmailMessage.builder().to("reader@example.com").subject("no from").text("x").build());

        List<SendOutcome> outcomes;
        try (EmailSender sender = sender()) {
            outcomes = sender.sendQueued(messages);
        }

        assertThat(outcomes).hasSize(7);
        assertThat(outcomes.get(3).get().details()).containsEntry("graph.path", "draft");
        assertThat(outcomes.get(3).get().messageId()).isEqualTo(messages.get(3).messageId().orElseThrow());
        assertThat(List.of(0, 1, 2, 4, 5)).allSatisfy(i -> assertThat(outcomes.get(i).get().details())
                .containsEntry("graph.batch-size", "5"));
        assertThat(outcomes.get(6)).isInstanceOfSatisfying(SendOutcome.Failed.class, f -> assertThat(f.failure())
                .hasMessageContaining("no from"));
        assertThat(graph.batchSizes()).containsExactly(5);
        assertThat(graph.uploads()).singleElement().satisfies(u -> assertThat(u.complete()).isTrue());
        assertThat(graph.messages()).hasSize(6);
    }

    private static EmailSender sender() {
        return sender(b -> b);
    }

    private static EmailSender sender(UnaryOperator<Layer.Builder> changes) {
        Layer layer = changes.apply(Layer.builder(graph.layer()).set("email.retry.initial-delay", "0ms")
                .set("email.retry.max-attempts", "3")).build();
        ResolvedSettings settings = Settings.builder().global(layer).build().resolveGlobal();
        return new GraphSenderProvider().withTrustStore(graph.trustStore())
                .create(new SenderContext(settings, Clock.systemUTC(), ManualScheduler.startingAt(Instant.now())));
    }

    private static EmailMessage mail(int id, String from) {
        return EmailMessage.builder().from(from).messageId("<" + id + "@contoso.example>").to("reader" + id
                + "@example.com").subject("notice " + id).text("hello").build();
    }
}
