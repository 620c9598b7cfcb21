package dev.notify.graph.internal;

import com.microsoft.graph.models.BodyType;
import com.microsoft.graph.models.FileAttachment;
import com.microsoft.graph.models.InternetMessageHeader;
import com.microsoft.graph.models.ItemBody;
import com.microsoft.graph.models.Recipient;
import com.microsoft.graph.users.item.sendmail.SendMailPostRequestBody;
import dev.notify.InvalidMessageException;
import dev.notify.Problem;
import dev.notify.message.Attachment;
import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the sendMail request body for a message, and refuses before any request a header Graph does not let an
 * app set ({@link RequestSize} refuses a request that is too big).
 *
 * <p>Graph takes one body: the HTML body when the message has one, else the text body. The sender's display
 * name comes from the mailbox, not from the message's {@code from}.
 *
 * <p>This class is stateless and threadsafe.
 */
final class MailMapper {

    private MailMapper() {
    }

    /**
     * A new request body for a message {@link #check(EmailMessage)} accepted. Build one per serialization: the
     * SDK's backing store marks a model's values as sent once serialized, and a second serialization of the same
     * object writes none of them.
     */
    static SendMailPostRequestBody toRequest(EmailMessage message, boolean saveToSentItems) {
        return toRequest(message, saveToSentItems, true);
    }

    /**
     * As {@link #toRequest(EmailMessage, boolean)}; without content, every attachment's {@code contentBytes} is
     * empty, so that the request can be measured without reading a streamed attachment.
     */
    static SendMailPostRequestBody toRequest(EmailMessage message, boolean saveToSentItems, boolean withContent) {
        SendMailPostRequestBody request = new SendMailPostRequestBody();
        request.setMessage(toMessage(message, message.attachments(), withContent));
        request.setSaveToSentItems(saveToSentItems);
        return request;
    }

    /** The Graph message with the given attachments of {@code message} (all, some or none), content included. */
    static com.microsoft.graph.models.Message toDraft(EmailMessage message, List<Attachment> attachments) {
        return toMessage(message, attachments, true);
    }

    private static com.microsoft.graph.models.Message toMessage(EmailMessage message, List<Attachment> attachments,
            boolean withContent) {
        com.microsoft.graph.models.Message graph = new com.microsoft.graph.models.Message();
        graph.setSubject(message.subject());
        ItemBody body = new ItemBody();
        if (message.html().isPresent()) {
            body.setContentType(BodyType.Html);
            body.setContent(message.html().get());
        } else {
            body.setContentType(BodyType.Text);
            body.setContent(message.text().orElse(""));
        }
        graph.setBody(body);
        if (!message.to().isEmpty()) {
            graph.setToRecipients(recipients(message.to()));
        }
        if (!message.cc().isEmpty()) {
            graph.setCcRecipients(recipients(message.cc()));
        }
        if (!message.bcc().isEmpty()) {
            graph.setBccRecipients(recipients(message.bcc()));
        }
        if (!message.replyTo().isEmpty()) {
            graph.setReplyTo(recipients(message.replyTo()));
        }
        message.messageId().ifPresent(graph::setInternetMessageId);
        if (!message.headers().isEmpty()) {
            List<InternetMessageHeader> headers = new ArrayList<>();
            for (Map.Entry<String, String> h : message.headers().entrySet()) {
                InternetMessageHeader header = new InternetMessageHeader();
                header.setName(h.getKey());
                header.setValue(h.getValue());
                headers.add(header);
            }
            graph.setInternetMessageHeaders(headers);
        }
        if (!attachments.isEmpty()) {
            List<com.microsoft.graph.models.Attachment> files = new ArrayList<>();
            for (Attachment a : attachments) {
                files.add(fileAttachment(a, withContent));
            }
            graph.setAttachments(files);
        }
        return graph;
    }

    /**
     * Refuses the headers sendMail does not take.
     *
     * @throws InvalidMessageException when the message has a header that is not {@code X-...}
     */
    static void check(EmailMessage message) {
        List<Problem> problems = new ArrayList<>();
        for (String name : message.headers().keySet()) {
            if (!name.toLowerCase(Locale.ROOT).startsWith("x-")) {
                problems.add(new Problem("header[" + name + "]", "Microsoft Graph sendMail lets an app set only "
                        + "custom headers whose name starts with 'X-'; send this message with SMTP, or rename the header"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidMessageException(problems);
        }
    }

    /** A file attachment with its content in base64: for attachments under 3 MB, read whole. */
    static FileAttachment fileAttachment(Attachment a, boolean withContent) {
        FileAttachment file = new FileAttachment();
        file.setName(a.fileName());
        file.setContentType(a.contentType());
        file.setContentBytes(withContent ? a.content() : new byte[0]);
        if (a.isInline()) {
            file.setIsInline(true);
            file.setContentId(a.contentId().orElseThrow());
        }
        return file;
    }

    private static List<Recipient> recipients(List<EmailAddress> addresses) {
        List<Recipient> recipients = new ArrayList<>(addresses.size());
        for (EmailAddress address : addresses) {
            com.microsoft.graph.models.EmailAddress graph = new com.microsoft.graph.models.EmailAddress();
            graph.setAddress(address.address());
            address.displayName().ifPresent(graph::setName);
            Recipient recipient = new Recipient();
            recipient.setEmailAddress(graph);
            recipients.add(recipient);
        }
        return recipients;
    }
}
