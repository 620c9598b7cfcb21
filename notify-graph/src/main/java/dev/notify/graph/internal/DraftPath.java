package dev.notify.graph.internal;

import com.microsoft.graph.models.AttachmentItem;
import com.microsoft.graph.models.AttachmentType;
import com.microsoft.graph.models.Message;
import com.microsoft.graph.models.UploadSession;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.messages.item.MessageItemRequestBuilder;
import com.microsoft.graph.users.item.messages.item.attachments.createuploadsession.CreateUploadSessionPostRequestBody;
import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.BaseRequestConfiguration;
import dev.notify.DeliveryException;
import dev.notify.TransientDeliveryException;
import dev.notify.message.Attachment;
import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import dev.notify.microsoft.AccessToken;
import dev.notify.microsoft.AppTokenSource;
import dev.notify.spi.Delivery;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a message too big for one sendMail request: creates it as a draft in the sender's mailbox with the small
 * attachments that fit in that request, posts the other small ones, uploads each attachment of 3 MB or more through
 * an upload session ({@link ChunkedUpload}), then sends the draft. Any failure after the draft exists deletes it for
 * good (not to Deleted Items) and sends nothing. Needs the Mail.ReadWrite application permission besides Mail.Send.
 * Graph moves a sent draft to the mailbox's Sent Items whatever {@code email.graph.save-to-sent-items} says.
 *
 * <p>This class is threadsafe.
 */
final class DraftPath {

    private static final Logger LOG = LoggerFactory.getLogger(DraftPath.class);

    private final GraphServiceClient client;
    private final RequestSize requestSize;
    private final ChunkedUpload upload;
    private final GraphErrors errors;

    DraftPath(GraphServiceClient client, RequestSize requestSize, ChunkedUpload upload, GraphErrors errors) {
        this.client = client;
        this.requestSize = requestSize;
        this.upload = upload;
        this.errors = errors;
    }

    /** A draft created in {@code mailbox}, with the attachments still to add. */
    record Draft(String mailbox, String id, AccessToken token, List<Attachment> toPost, List<Attachment> toUpload,
            String clientRequestId) {
    }

    /**
     * Creates the draft with the token given: the step whose 401 renews the token.
     *
     * @throws AppTokenSource.Refused when Graph refuses the token
     */
    Draft create(EmailMessage email, String mailbox, AccessToken token) {
        List<Attachment> inDraft = new ArrayList<>();
        List<Attachment> toPost = new ArrayList<>();
        List<Attachment> toUpload = new ArrayList<>();
        long size = requestSize.draftBytes(email);
        for (Attachment a : email.attachments()) {
            if (a.length() >= RequestSize.UPLOAD_SESSION_FROM_BYTES) {
                toUpload.add(a);
                continue;
            }
            long bytes = requestSize.base64Bytes(a);
            if (size + bytes <= RequestSize.MAX_REQUEST_BYTES) {
                inDraft.add(a);
                size += bytes;
            } else {
                toPost.add(a);
            }
        }
        String clientRequestId = UUID.randomUUID().toString();
        Message created;
        try {
            created = client.users().byUserId(mailbox).messages().post(MailMapper.toDraft(email, inDraft),
                    config(token, clientRequestId));
        } catch (ApiException e) {
            if (e.getResponseStatusCode() == 401) {
                throw new AppTokenSource.Refused("HTTP 401", e);
            }
            throw errors.mapDraft(e, mailbox, clientRequestId);
        }
        if (created == null || created.getId() == null) {
            throw new TransientDeliveryException("Microsoft Graph created the draft of a large message without "
                    + "returning its id (client-request-id " + clientRequestId + ")");
        }
        return new Draft(mailbox, created.getId(), token, toPost, toUpload, clientRequestId);
    }

    /** Adds the draft's other attachments and sends it; deletes the draft when anything fails. */
    Delivery complete(Draft draft, EmailMessage email) {
        MessageItemRequestBuilder message = client.users().byUserId(draft.mailbox()).messages()
                .byMessageId(draft.id());
        int chunks = 0;
        int resumes = 0;
        int restarts = 0;
        String step = "adding an attachment to";
        try {
            for (Attachment a : draft.toPost()) {
                message.attachments().post(MailMapper.fileAttachment(a, true), config(draft.token(),
                        draft.clientRequestId()));
            }
            for (Attachment a : draft.toUpload()) {
                step = "uploading " + a.fileName() + " to";
                ChunkedUpload.Outcome outcome = upload.upload(() -> {
                    UploadSession session = message.attachments().createUploadSession().post(uploadRequest(a),
                            config(draft.token(), draft.clientRequestId()));
                    return new ChunkedUpload.Session(URI.create(session.getUploadUrl()),
                            session.getNextExpectedRanges());
                }, a);
                chunks += outcome.chunks();
                resumes += outcome.resumes();
                restarts += outcome.restarts();
            }
            step = "sending";
            message.send().post(config(draft.token(), draft.clientRequestId()));
        } catch (ApiException e) {
            delete(message, draft);
            throw e.getResponseStatusCode() == 401
                    ? new TransientDeliveryException("Microsoft Graph refused the token while " + step + " the draft "
                            + "of a large message (HTTP 401; client-request-id " + draft.clientRequestId() + "); the "
                            + "draft was deleted", DeliveryException.Details.of().replyCode(401), e)
                    : errors.mapDraft(e, draft.mailbox(), draft.clientRequestId());
        } catch (RuntimeException e) {
            delete(message, draft);
            throw e;
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("graph.client-request-id", draft.clientRequestId());
        details.put("graph.mailbox", draft.mailbox());
        details.put("graph.path", "draft");
        details.put("graph.upload-chunks", String.valueOf(chunks));
        details.put("graph.upload-resumes", String.valueOf(resumes));
        details.put("graph.upload-restarts", String.valueOf(restarts));
        List<String> accepted = email.recipients().stream().map(EmailAddress::address).toList();
        return new Delivery(email.messageId().orElse("<" + draft.clientRequestId() + "@graph>"), accepted, List.of(),
                details);
    }

    /**
     * Purges the draft with {@code permanentDelete}, so that it does not land in the mailbox's Deleted Items; with
     * {@code DELETE} where Graph does not know that action (national clouds answer 400, 404 or 405).
     */
    private void delete(MessageItemRequestBuilder message, Draft draft) {
        try {
            message.permanentDelete().post(config(draft.token(), draft.clientRequestId()));
            return;
        } catch (ApiException e) {
            int status = e.getResponseStatusCode();
            if (status != 400 && status != 404 && status != 405) {
                warnNotDeleted(draft, e);
                return;
            }
        } catch (RuntimeException e) {
            warnNotDeleted(draft, e);
            return;
        }
        try {
            message.delete(config(draft.token(), draft.clientRequestId()));
        } catch (RuntimeException e) {
            warnNotDeleted(draft, e);
        }
    }

    private static void warnNotDeleted(Draft draft, RuntimeException e) {
        LOG.warn("Could not delete the draft of a large message in mailbox {} after a failed send "
                + "(client-request-id {}): {}", draft.mailbox(), draft.clientRequestId(), e.toString());
    }

    private static CreateUploadSessionPostRequestBody uploadRequest(Attachment a) {
        AttachmentItem item = new AttachmentItem();
        item.setAttachmentType(AttachmentType.File);
        item.setName(a.fileName());
        item.setSize(a.length());
        item.setContentType(a.contentType());
        if (a.isInline()) {
            item.setIsInline(true);
            item.setContentId(a.contentId().orElseThrow());
        }
        CreateUploadSessionPostRequestBody body = new CreateUploadSessionPostRequestBody();
        body.setAttachmentItem(item);
        return body;
    }

    private static <C extends BaseRequestConfiguration> Consumer<C> config(AccessToken token, String clientRequestId) {
        return config -> {
            config.headers.add("client-request-id", clientRequestId);
            config.options.add(new BearerTokenOption(token));
        };
    }
}
