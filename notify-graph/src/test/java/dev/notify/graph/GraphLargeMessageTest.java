package dev.notify.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.CheckReport;
import dev.notify.InvalidMessageException;
import dev.notify.Notifier;
import dev.notify.PermanentDeliveryException;
import dev.notify.SendResult;
import dev.notify.TransientDeliveryException;
import dev.notify.message.Attachment;
import dev.notify.message.EmailMessage;
import dev.notify.testkit.graph.GraphFault;
import dev.notify.testkit.graph.GraphServerExtension;
import dev.notify.testkit.graph.UploadedAttachment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

class GraphLargeMessageTest {

    private static final long MB = 1024 * 1024;
    private static final long CHUNK = 3840 * 1024;

    @RegisterExtension
    static final GraphServerExtension graph = GraphServerExtension.create();

    @Test
    void twentyMegabyteAttachmentIsUploadedInChunksWithoutBearerTokenAndTheDraftSent() throws IOException {
        graph.roles("Mail.Send", "Mail.ReadWrite");
        long size = 20 * MB;
        EmailMessage message = mail(GeneratedContent.attachment("report.bin", size, 20));

        SendResult result;
        try (Notifier notifier = notifier(3)) {
            result = notifier.global().sendEmail(message);
        }

        assertThat(result.isAccepted()).isTrue();
        assertThat(result.details()).containsEntry("graph.path", "draft").containsEntry("graph.upload-chunks", "6");
        assertThat(graph.uploads()).singleElement().satisfies(upload -> {
            assertThat(upload.complete()).isTrue();
            assertThat(upload.name()).isEqualTo("report.bin");
            assertThat(upload.contentRanges()).containsExactlyElementsOf(ranges(size, CHUNK));
            assertThat(upload.putsWithBearerToken()).isZero();
            assertThat(upload.sha256()).isEqualTo(GeneratedContent.sha256(size, 20));
        });
        assertThat(graph.sentMails()).singleElement().satisfies(sent -> {
            assertThat(sent.message().subject()).isEqualTo("quarterly report");
            assertThat(sent.saveToSentItems()).isTrue();
        });
        assertThat(graph.drafts()).isEmpty();
        assertThat(graph.sendMailRequestCount()).isZero();
    }

    @Test
    void serverErrorOnTheThirdChunkResumesFromTheNextExpectedRangeInsteadOfRestarting() throws IOException {
        graph.roles("Mail.Send", "Mail.ReadWrite").failUploadChunk(3, GraphFault.serviceUnavailable());
        long size = 12 * MB;

        SendResult result;
        try (Notifier notifier = notifier(3)) {
            result = notifier.global().sendEmail(mail(GeneratedContent.attachment("data.bin", size, 3)));
        }

        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.details()).containsEntry("graph.upload-resumes", "1");
        assertThat(graph.uploads()).singleElement().satisfies(upload -> {
            assertThat(upload.contentRanges()).containsExactlyElementsOf(ranges(size, CHUNK));
            assertThat(upload.sha256()).isEqualTo(GeneratedContent.sha256(size, 3));
        });
        assertThat(graph.sentMails()).hasSize(1);
    }

    @Test
    void permanentChunkFailureDeletesTheDraftAndSendsNothing() {
        graph.roles("Mail.Send", "Mail.ReadWrite")
                .failUploadChunk(2, GraphFault.error(400, "invalidRequest", "The chunk was refused."));

        try (Notifier notifier = notifier(3)) {
            assertThatThrownBy(() -> notifier.global().sendEmail(mail(GeneratedContent.attachment("x.bin", 8 * MB, 2))))
                    .isInstanceOf(PermanentDeliveryException.class)
                    .hasMessageContaining("refused the chunk bytes " + CHUNK + "-");
        }

        assertThat(graph.sentMails()).isEmpty();
        assertThat(graph.drafts()).isEmpty();
        assertThat(graph.deletedDrafts()).hasSize(1);
        assertThat(graph.draftsInDeletedItems()).as("purged, not moved to Deleted Items").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {404, 405})
    void draftIsDeletedWithDeleteWhereGraphDoesNotKnowPermanentDelete(int status) {
        graph.roles("Mail.Send", "Mail.ReadWrite")
                .failPermanentDeletes(GraphFault.error(status, "BadRequest", "Resource not found for the segment "
                        + "'permanentDelete'."))
                .failUploadChunk(1, GraphFault.error(400, "invalidRequest", "The chunk was refused."));

        try (Notifier notifier = notifier(1)) {
            assertThatThrownBy(() -> notifier.global().sendEmail(mail(GeneratedContent.attachment("x.bin", 4 * MB, 2))))
                    .isInstanceOf(PermanentDeliveryException.class);
        }

        assertThat(graph.drafts()).isEmpty();
        assertThat(graph.draftsInDeletedItems()).hasSize(1);
    }

    @Test
    void expiredUploadSessionIsReplacedByANewOneAndTheAttachmentUploadedAgainFromTheStart() throws IOException {
        graph.roles("Mail.Send", "Mail.ReadWrite").expireUploadSession(1, 2);
        long size = 12 * MB;

        SendResult result;
        try (Notifier notifier = notifier(1)) {
            result = notifier.global().sendEmail(mail(GeneratedContent.attachment("data.bin", size, 6)));
        }

        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.details()).containsEntry("graph.upload-restarts", "1");
        assertThat(graph.uploads()).hasSize(2).satisfiesExactly(
                expired -> assertThat(expired.contentRanges()).containsExactlyElementsOf(ranges(size, CHUNK)
                        .subList(0, 2)),
                again -> {
                    assertThat(again.complete()).isTrue();
                    assertThat(again.contentRanges()).containsExactlyElementsOf(ranges(size, CHUNK));
                    assertThat(again.sha256()).isEqualTo(GeneratedContent.sha256(size, 6));
                });
        assertThat(graph.sentMails()).hasSize(1);
        assertThat(graph.drafts()).isEmpty();
    }

    @Test
    void uploadSessionExpiringAgainAfterItWasReplacedEndsTheAttemptAsTransientAndDeletesTheDraft() {
        graph.roles("Mail.Send", "Mail.ReadWrite").expireUploadSession(1, 1).expireUploadSession(2, 1);

        try (Notifier notifier = notifier(1)) {
            assertThatThrownBy(() -> notifier.global().sendEmail(mail(GeneratedContent.attachment("x.bin", 8 * MB, 4))))
                    .isInstanceOf(TransientDeliveryException.class)
                    .hasMessageContaining("upload session of x.bin expired")
                    .hasMessageContaining("after a new session had replaced an expired one");
        }

        assertThat(graph.uploads()).hasSize(2).allSatisfy(u -> assertThat(u.complete()).isFalse());
        assertThat(graph.sentMails()).isEmpty();
        assertThat(graph.drafts()).isEmpty();
        assertThat(graph.deletedDrafts()).hasSize(1);
    }

    @Test
    void missingMailReadWriteIsAPermanentFailureNamingThePermission() {
        graph.roles("Mail.Send");

        try (Notifier notifier = notifier(3)) {
            assertThatThrownBy(() -> notifier.global().sendEmail(mail(GeneratedContent.attachment("x.bin", 5 * MB, 5))))
                    .isInstanceOfSatisfying(PermanentDeliveryException.class, e -> {
                        assertThat(e.attempts()).isEqualTo(1);
                        assertThat(e.getMessage()).contains("Mail.ReadWrite application permission", "ErrorAccessDenied",
                                graph.clientId());
                    });
        }

        assertThat(graph.sentMails()).isEmpty();
        assertThat(graph.drafts()).isEmpty();
    }

    @Test
    void checkReportsWhetherTheDraftPathIsAvailable() {
        try (Notifier notifier = notifier(1)) {
            CheckReport without = notifier.global().check();
            assertThat(without.item("token.mail-readwrite")).contains("missing");
            assertThat(without.item("graph.draft-path")).hasValueSatisfying(v -> assertThat(v)
                    .startsWith("unavailable").contains("Mail.ReadWrite"));
        }
        graph.roles("Mail.Send", "Mail.ReadWrite");
        try (Notifier notifier = notifier(1)) {
            CheckReport with = notifier.global().check();
            assertThat(with.item("graph.draft-path")).hasValueSatisfying(v -> assertThat(v).startsWith("available"));
        }
    }

    @Test
    void smallAttachmentsGoInTheDraftAndLargeOnesThroughUploadSessions() {
        graph.roles("Mail.Send", "Mail.ReadWrite");
        byte[] small = new byte[500 * 1024];
        Arrays.fill(small, (byte) 's');
        Attachment notes = Attachment.of("notes.txt", "text/plain", small);
        EmailMessage message = EmailMessage.builder().to("alice@example.com").subject("mixed").text("see attached")
                .attach(notes).attach(GeneratedContent.attachment("big.bin", 4 * MB, 9)).build();

        try (Notifier notifier = notifier(1)) {
            notifier.global().sendEmail(message);
        }

        assertThat(graph.sentMails()).singleElement()
                .satisfies(sent -> assertThat(sent.message().attachments()).containsExactly(notes));
        assertThat(graph.uploads()).extracting(UploadedAttachment::name).containsExactly("big.bin");
    }

    @Test
    void messageOverTheTenantMaximumIsRefusedBeforeAnyRequestNamingTheSetting() {
        try (Notifier notifier = GraphFixture.notifier(graph, b -> b.set("email.graph.max-message-mb", "10"))) {
            assertThatThrownBy(() -> notifier.global().sendEmail(mail(GeneratedContent.attachment("x.bin", 11 * MB, 1))))
                    .isInstanceOfSatisfying(InvalidMessageException.class, e -> assertThat(e.problems())
                            .singleElement().satisfies(p -> assertThat(p.message())
                                    .contains("email.graph.max-message-mb", "10 MB")));
        }

        assertThat(graph.tokenRequests()).isEmpty();
    }

    private static Notifier notifier(int attempts) {
        return GraphFixture.notifier(graph, b -> b.set("email.retry.max-attempts", String.valueOf(attempts))
                .set("email.retry.initial-delay", "0ms"));
    }

    private static EmailMessage mail(Attachment attachment) {
        return EmailMessage.builder().to("alice@example.com").subject("quarterly report").text("attached")
                .attach(attachment).build();
    }

    private static List<String> ranges(long size, long chunk) {
        List<String> ranges = new ArrayList<>();
        for (long start = 0; start < size; start += chunk) {
            ranges.add("bytes " + start + "-" + (Math.min(start + chunk, size) - 1) + "/" + size);
        }
        return ranges;
    }
}
