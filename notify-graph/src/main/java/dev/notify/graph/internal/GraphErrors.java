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
 * {@code Retry-After}; other 4xx are permanent, with what an administrator must do for the errors they meet.
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
        int status = e.getResponseStatusCode();
        String code = "";
        String graphMessage = "";
        if (e instanceof ODataError odata && odata.getError() != null) {
            code = nullToEmpty(odata.getError().getCode());
            graphMessage = nullToEmpty(odata.getError().getMessage());
        }
        String requestId = header(e.getResponseHeaders(), "request-id").orElse(clientRequestId);
        String said = "HTTP " + status + (code.isEmpty() ? "" : " " + code) + (graphMessage.isEmpty() ? "" : ": "
                + graphMessage) + "; request-id " + requestId;
        DeliveryException.Details details = DeliveryException.Details.of().replyCode(status);
        if (status == 429 || status >= 500) {
            Optional<Duration> retryAfter = header(e.getResponseHeaders(), "Retry-After")
                    .flatMap(v -> RetryAfter.parse(v, clock.instant()));
            if (retryAfter.isPresent()) {
                details = details.retryAfter(retryAfter.get());
            }
            String what = status == 429 ? "Microsoft Graph is throttling this app" : "Microsoft Graph is unavailable";
            return new TransientDeliveryException(what + " (" + said + ")", details, e);
        }
        return new PermanentDeliveryException(advice(code, mailbox) + " (" + said + ")", details, e);
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
