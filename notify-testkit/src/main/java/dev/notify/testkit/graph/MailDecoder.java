package dev.notify.testkit.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.common.Json;
import dev.notify.message.Attachment;
import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import java.util.Base64;
import java.util.Iterator;
import java.util.function.Consumer;

/**
 * Reads a Graph sendMail request body back into notify's {@link EmailMessage}. Member names are matched without
 * case, as Graph does (the Java SDK writes {@code Message} and {@code SaveToSentItems}).
 */
final class MailDecoder {

    record Decoded(EmailMessage message, boolean saveToSentItems) {
    }

    private MailDecoder() {
    }

    static Decoded decode(String user, String json) {
        JsonNode root = Json.node(json);
        JsonNode message = field(root, "message");
        if (!message.isObject()) {
            throw new IllegalArgumentException("the body has no 'message' object");
        }
        EmailMessage.Builder b = EmailMessage.builder().from(EmailAddress.parse(user, "user"));
        b.subject(field(message, "subject").asText(""));
        JsonNode body = field(message, "body");
        if ("html".equalsIgnoreCase(field(body, "contentType").asText())) {
            b.html(field(body, "content").asText(""));
        } else {
            b.text(field(body, "content").asText(""));
        }
        recipients(field(message, "toRecipients"), b::to);
        recipients(field(message, "ccRecipients"), b::cc);
        recipients(field(message, "bccRecipients"), b::bcc);
        recipients(field(message, "replyTo"), b::replyTo);
        for (JsonNode a : field(message, "attachments")) {
            if (!"#microsoft.graph.fileAttachment".equals(field(a, "@odata.type").asText())) {
                throw new IllegalArgumentException("attachment @odata.type must be #microsoft.graph.fileAttachment");
            }
            byte[] content = Base64.getDecoder().decode(field(a, "contentBytes").asText(""));
            String name = field(a, "name").asText();
            String type = field(a, "contentType").asText("application/octet-stream");
            boolean inline = field(a, "isInline").asBoolean(false) && has(a, "contentId");
            b.attach(inline ? Attachment.inline(field(a, "contentId").asText(), name, type, content)
                    : Attachment.of(name, type, content));
        }
        for (JsonNode h : field(message, "internetMessageHeaders")) {
            b.header(field(h, "name").asText(), field(h, "value").asText());
        }
        if (has(message, "internetMessageId")) {
            b.messageId(field(message, "internetMessageId").asText());
        }
        return new Decoded(b.build(), field(root, "saveToSentItems").asBoolean(false));
    }

    private static void recipients(JsonNode list, Consumer<EmailAddress> add) {
        for (JsonNode r : list) {
            JsonNode address = field(r, "emailAddress");
            String name = has(address, "name") ? field(address, "name").asText() : null;
            add.accept(EmailAddress.of(name, field(address, "address").asText()));
        }
    }

    private static boolean has(JsonNode object, String name) {
        JsonNode value = field(object, name);
        return !value.isMissingNode() && !value.isNull();
    }

    private static JsonNode field(JsonNode object, String name) {
        JsonNode exact = object.path(name);
        if (!exact.isMissingNode()) {
            return exact;
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String candidate = names.next();
            if (candidate.equalsIgnoreCase(name)) {
                return object.get(candidate);
            }
        }
        return exact;
    }
}
