package dev.notify.graph.internal;

import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.ResponseHeaders;
import dev.notify.DeliveryException;
import dev.notify.PermanentDeliveryException;
import dev.notify.TransientDeliveryException;
import dev.notify.spi.RetryAfter;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a failed sendMail response into notify's exceptions: 429 and 5xx are transient and carry
 * {@code Retry-After} (after a 5xx the message may or may not have been sent); other 4xx are permanent, with what
 * an administrator must do for the errors they meet.
 *
 * <p>This class is immutable and threadsafe.
 */
final class GraphErrors {

    private final GraphSettings settings;
    private final Clock clock;

    GraphErrors(GraphSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** The exception for a sendMail answered with an error status (never called for 401, which is retried). */
    DeliveryException map(ApiException e, String mailbox, String clientRequestId) {
        String code = "";
        String graphMessage = "";
        if (e instanceof ODataError odata && odata.getError() != null) {
            code = nullToEmpty(odata.getError().getCode());
            graphMessage = nullToEmpty(odata.getError().getMessage());
        }
        return map(e.getResponseStatusCode(), code, graphMessage,
                header(e.getResponseHeaders(), "request-id").orElse(clientRequestId),
                header(e.getResponseHeaders(), "Retry-After"), mailbox, e);
    }

    /**
     * The exception for a sendMail answered with an error status, from its parts: those of a request inside a
     * {@code $batch} too.
     */
    DeliveryException map(int status, String code, String graphMessage, String requestId,
            Optional<String> retryAfterHeader, String mailbox, Throwable cause) {
        String said = "HTTP " + status + (code.isEmpty() ? "" : " " + code) + (graphMessage.isEmpty() ? "" : ": "
                + graphMessage) + "; request-id " + requestId;
        DeliveryException.Details details = DeliveryException.Details.of().replyCode(status);
        if (status == 429 || status >= 500) {
            Optional<Duration> retryAfter = retryAfterHeader.flatMap(v -> RetryAfter.parse(v, clock.instant()));
            if (retryAfter.isPresent()) {
                details = details.retryAfter(retryAfter.get());
            }
            if (status == 429) {
                return new TransientDeliveryException("Microsoft Graph is throttling this app (" + said + ")", details,
                        cause);
            }
            return new TransientDeliveryException("Microsoft Graph is unavailable (" + said + "); the message may or may "
                    + "not have been sent: a gateway can time out after Graph accepted it", details, cause);
        }
        return new PermanentDeliveryException(advice(code, mailbox) + " (" + said + ")", details, cause);
    }

    /**
     * The exception for a request of the draft path answered with an error status: as {@link #map}, except that a
     * denied access names the Mail.ReadWrite permission the draft path needs.
     */
    DeliveryException mapDraft(ApiException e, String mailbox, String clientRequestId) {
        String code = e instanceof ODataError odata && odata.getError() != null
                ? nullToEmpty(odata.getError().getCode()) : "";
        if (e.getResponseStatusCode() != 403 && !code.equals("ErrorAccessDenied")) {
            return map(e, mailbox, clientRequestId);
        }
        String requestId = header(e.getResponseHeaders(), "request-id").orElse(clientRequestId);
        return new PermanentDeliveryException("Microsoft Graph denied app " + settings.clientId() + " access to the "
                + "drafts of mailbox " + mailbox + ": a message over 4 MB is sent as a draft with its attachments "
                + "uploaded, which needs the Mail.ReadWrite application permission besides Mail.Send. Grant the app "
                + "Mail.ReadWrite (Microsoft Graph > Application permissions, not Delegated) with admin consent for "
                + "tenant " + settings.tenantId() + ", or send this message with SMTP (HTTP "
                + e.getResponseStatusCode() + (code.isEmpty() ? "" : " " + code) + "; request-id " + requestId + ")",
                DeliveryException.Details.of().replyCode(e.getResponseStatusCode()), e);
    }

    private String advice(String code, String mailbox) {
        String app = "app " + settings.clientId();
        switch (code) {
            case "ErrorAccessDenied":
                return "Microsoft Graph denied " + app + " access to mailbox " + mailbox + ": grant the app the "
                        + "Mail.Send application permission (Microsoft Graph > Application permissions) with admin "
                        + "consent, and check that the mailbox is in scope of the app's application access policy or "
                        + "RBAC for Applications management scope";
            case "ErrorSendAsDenied":
                return "Microsoft Graph refused to let " + mailbox + " send as the message's From address "
                        + "(ErrorSendAsDenied): send from the mailbox itself (email.sender), or give it Send As "
                        + "permission on the address in Exchange Online";
            case "MailboxNotEnabledForRESTAPI":
            case "MailboxNotSupportedForRESTAPI":
                return "mailbox " + mailbox + " cannot send through Microsoft Graph (" + code + "): it is inactive, "
                        + "soft-deleted, hosted on-premises or has no Exchange Online license; use a licensed Exchange "
                        + "Online mailbox as email.sender";
            case "ErrorMessageSizeExceeded":
                return "the message is larger than mailbox " + mailbox + " may send (ErrorMessageSizeExceeded): "
                        + "reduce the attachments, or raise the mailbox's MaxSendSize in Exchange Online";
            case "ErrorInvalidRecipients":
                return "Microsoft Graph refused the recipients";
            case "ResourceNotFound":
            case "ErrorInvalidUser":
                return "Microsoft Graph knows no mailbox " + mailbox + " in tenant " + settings.tenantId()
                        + ": email.sender must be an Exchange Online mailbox of this tenant";
            default:
                return "Microsoft Graph refused the message";
        }
    }

    static Optional<String> header(ResponseHeaders headers, String name) {
        if (headers == null) {
            return Optional.empty();
        }
        Set<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.iterator().next());
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
