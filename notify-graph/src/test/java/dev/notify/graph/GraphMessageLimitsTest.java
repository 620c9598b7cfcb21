package dev.notify.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.InvalidMessageException;
import dev.notify.Notifier;
import dev.notify.message.Attachment;
import dev.notify.message.EmailMessage;
import dev.notify.testkit.graph.GraphServerExtension;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GraphMessageLimitsTest {

    private static final int THREE_MB = 3 * 1024 * 1024;

    @RegisterExtension
    static final GraphServerExtension graph = GraphServerExtension.create();

    @Test
    void messageOverThreeMegabytesIsRefusedBeforeAnyRequestSayingWhyAndTheLimit() {
        EmailMessage message = withAttachmentOf(THREE_MB);

        try (Notifier notifier = GraphFixture.notifier(graph)) {
            assertThatThrownBy(() -> notifier.global().sendEmail(message))
                    .isInstanceOfSatisfying(InvalidMessageException.class, e -> assertThat(e.problems())
                            .singleElement().satisfies(p -> {
                                assertThat(p.key()).isEqualTo("attachments");
                                assertThat(p.message()).contains("3145728 bytes (3 MB)", "sendMail", "4 MB", "SMTP");
                            }));
        }

        assertThat(graph.sendMailRequestCount()).isZero();
        assertThat(graph.tokenRequests()).isEmpty();
    }

    @Test
    void messageJustUnderTheLimitIsSentWhole() {
        EmailMessage message = withAttachmentOf(THREE_MB - 1024);

        try (Notifier notifier = GraphFixture.notifier(graph)) {
            notifier.global().sendEmail(message);
        }

        assertThat(graph.messages()).singleElement()
                .satisfies(m -> assertThat(m.attachments()).containsExactlyElementsOf(message.attachments()));
    }

    @Test
    void headerThatGraphDoesNotLetAppsSetIsRefusedBeforeAnyRequest() {
        EmailMessage message = EmailMessage.builder().to("alice@example.com").subject("s").text("t")
                .header("List-Unsubscribe", "<mailto:unsubscribe@contoso.example>").build();

        try (Notifier notifier = GraphFixture.notifier(graph)) {
            assertThatThrownBy(() -> notifier.global().sendEmail(message))
                    .isInstanceOfSatisfying(InvalidMessageException.class, e -> assertThat(e.problems())
                            .singleElement().satisfies(p -> {
                                assertThat(p.key()).isEqualTo("header[List-Unsubscribe]");
                                assertThat(p.message()).contains("'X-'");
                            }));
        }
        assertThat(graph.sendMailRequestCount()).isZero();
    }

    private static EmailMessage withAttachmentOf(int bytes) {
        byte[] content = new byte[bytes];
        Arrays.fill(content, (byte) 'a');
        return EmailMessage.builder().to("alice@example.com").subject("big").text("see attachment")
                .attach(Attachment.of("big.bin", "application/octet-stream", content)).build();
    }
}
