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
    void attachmentsOverFourMegabytesInBase64TakeTheDraftPathInsteadOfSendMail() {
        graph.roles("Mail.Send", "Mail.ReadWrite");
        EmailMessage message = withAttachmentOf(THREE_MB);

        try (Notifier notifier = GraphFixture.notifier(graph)) {
            assertThat(notifier.global().sendEmail(message).details()).containsEntry("graph.path", "draft");
        }

        assertThat(graph.sendMailRequestCount()).isZero();
        assertThat(graph.uploads()).singleElement().satisfies(u -> {
            assertThat(u.name()).isEqualTo("big.bin");
            assertThat(u.complete()).isTrue();
        });
        assertThat(graph.sentMails()).hasSize(1);
    }

    @Test
    void htmlBodyUnderThreeMegabytesThatDoublesWhenEscapedForJsonIsRefusedNamingTheHtml() {
        String quotesAndBackslashes = "\"\\".repeat(2_900_000 / 2);
        EmailMessage message = EmailMessage.builder().to("alice@example.com").subject("escaped")
                .html("<p>" + quotesAndBackslashes + "</p>").build();

        try (Notifier notifier = GraphFixture.notifier(graph)) {
            assertThatThrownBy(() -> notifier.global().sendEmail(message))
                    .isInstanceOfSatisfying(InvalidMessageException.class, e -> assertThat(e.problems())
                            .singleElement().satisfies(p -> {
                                assertThat(p.key()).isEqualTo("html");
                                assertThat(p.message()).contains("5.5 MB", "the html body is", "escaped for JSON");
                            }));
        }

        assertThat(graph.sendMailRequestCount()).isZero();
    }

    @Test
    void fiveMegabyteTextBodyWithoutAttachmentsIsRefusedNamingTheText() {
        EmailMessage message = EmailMessage.builder().to("alice@example.com").subject("long")
                .text("a".repeat(5 * 1024 * 1024)).build();

        try (Notifier notifier = GraphFixture.notifier(graph)) {
            assertThatThrownBy(() -> notifier.global().sendEmail(message))
                    .isInstanceOfSatisfying(InvalidMessageException.class, e -> assertThat(e.problems())
                            .singleElement().satisfies(p -> {
                                assertThat(p.key()).isEqualTo("text");
                                assertThat(p.message()).contains("the text body is 5.0 MB");
                            }));
        }

        assertThat(graph.sendMailRequestCount()).isZero();
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
