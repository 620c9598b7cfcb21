package dev.notify.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.common.Json;
import dev.notify.Notifier;
import dev.notify.SendResult;
import dev.notify.message.Attachment;
import dev.notify.message.EmailMessage;
import dev.notify.testkit.graph.GraphServerExtension;
import dev.notify.testkit.graph.SentMail;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GraphSendMailJsonTest {

    @RegisterExtension
    static final GraphServerExtension graph = GraphServerExtension.create();

    @Test
    void textMailIsPostedToTheSendersMailboxAsThisJson() {
        EmailMessage message = EmailMessage.builder()
                .to("Alice <alice@example.com>")
                .subject("Your report")
                .text("It is ready.")
                .messageId("<report-1@contoso.example>")
                .build();

        SendResult result;
        try (Notifier notifier = GraphFixture.notifier(graph)) {
            result = notifier.global().sendEmail(message);
        }

        SentMail sent = graph.sentMails().get(0);
        assertThat(sent.user()).isEqualTo(GraphServerExtension.DEFAULT_SENDER);
        assertThat(json(sent.json())).isEqualTo(json("""
                {"Message": {
                   "@odata.type": "#microsoft.graph.message",
                   "subject": "Your report",
                   "body": {"contentType": "text", "content": "It is ready."},
                   "toRecipients": [{"emailAddress": {"address": "alice@example.com", "name": "Alice"}}],
                   "internetMessageId": "<report-1@contoso.example>"},
                 "SaveToSentItems": false}
                """));
        assertThat(result.messageId()).contains("<report-1@contoso.example>");
        assertThat(result.accepted()).containsExactly("alice@example.com");
        assertThat(result.details().get("graph.request-id")).isNotBlank();
        assertThat(graph.unexpectedRequests()).isEmpty();
    }

    @Test
    void htmlMailWithCcBccAndReplyToIsSentAsThisJsonAndSavedToSentItemsWhenSet() {
        EmailMessage message = EmailMessage.builder()
                .to("alice@example.com")
                .cc("Bob <bob@example.com>")
                .bcc("audit@example.com")
                .replyTo("Support <support@contoso.example>")
                .subject("Invoice 42")
                .text("plain alternative, not sent")
                .html("<p>Invoice <b>42</b></p>")
                .header("X-Ticket-Id", "T-42")
                .messageId("<invoice-42@contoso.example>")
                .build();

        try (Notifier notifier = GraphFixture.notifier(graph, b -> b.set(GraphSettingKeys.SAVE_TO_SENT_ITEMS, true))) {
            notifier.global().sendEmail(message);
        }

        SentMail sent = graph.sentMails().get(0);
        assertThat(json(sent.json())).isEqualTo(json("""
                {"Message": {
                   "@odata.type": "#microsoft.graph.message",
                   "subject": "Invoice 42",
                   "body": {"contentType": "html", "content": "<p>Invoice <b>42</b></p>"},
                   "toRecipients": [{"emailAddress": {"address": "alice@example.com"}}],
                   "ccRecipients": [{"emailAddress": {"address": "bob@example.com", "name": "Bob"}}],
                   "bccRecipients": [{"emailAddress": {"address": "audit@example.com"}}],
                   "replyTo": [{"emailAddress": {"address": "support@contoso.example", "name": "Support"}}],
                   "internetMessageHeaders": [{"name": "X-Ticket-Id", "value": "T-42"}],
                   "internetMessageId": "<invoice-42@contoso.example>"},
                 "SaveToSentItems": true}
                """));
        assertThat(sent.saveToSentItems()).isTrue();
        assertThat(sent.message().cc()).containsExactlyElementsOf(message.cc());
        assertThat(sent.message().bcc()).containsExactlyElementsOf(message.bcc());
        assertThat(sent.message().replyTo()).containsExactlyElementsOf(message.replyTo());
    }

    @Test
    void twoAttachmentsAreSentAsBase64FileAttachmentsOneOfThemInline() {
        EmailMessage message = EmailMessage.builder()
                .to("alice@example.com")
                .subject("Files")
                .html("<img src=\"cid:logo\"> see the report")
                .attach(Attachment.of("report.pdf", "application/pdf", "%PDF-1.7".getBytes(StandardCharsets.US_ASCII)))
                .attach(Attachment.inline("logo", "logo.png", "image/png", "hello".getBytes(StandardCharsets.US_ASCII)))
                .messageId("<files-1@contoso.example>")
                .build();

        try (Notifier notifier = GraphFixture.notifier(graph)) {
            notifier.global().sendEmail(message);
        }

        JsonNode attachments = json(graph.sentMails().get(0).json()).path("Message").path("attachments");
        assertThat(attachments).isEqualTo(json("""
                [{"@odata.type": "#microsoft.graph.fileAttachment", "name": "report.pdf",
                  "contentType": "application/pdf", "contentBytes": "JVBERi0xLjc="},
                 {"@odata.type": "#microsoft.graph.fileAttachment", "name": "logo.png",
                  "contentType": "image/png", "contentBytes": "aGVsbG8=", "isInline": true, "contentId": "logo"}]
                """));
        assertThat(graph.messages().get(0).attachments()).containsExactlyElementsOf(message.attachments());
    }

    private static JsonNode json(String text) {
        return Json.node(text);
    }
}
