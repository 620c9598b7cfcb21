package dev.notify.graph.internal;

import com.microsoft.aad.msal4j.MsalServiceException;
import dev.notify.DeliveryException;
import dev.notify.NotifyException;
import dev.notify.Problem;
import dev.notify.SettingsException;
import dev.notify.TransientDeliveryException;
import dev.notify.graph.GraphSettingKeys;
import dev.notify.microsoft.MicrosoftIdentityKeys;
import dev.notify.settings.SettingKey;
import dev.notify.spi.RetryAfter;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Turns what msal4j throws into notify's exceptions: refused credentials become a {@link SettingsException} naming
 * the key to fix and saying how, an unreachable or busy login host a {@link TransientDeliveryException}. Messages
 * quote Entra ID's error code and first sentence, never a secret.
 *
 * <p>This class is immutable and threadsafe.
 */
final class TokenErrors {

    private static final Pattern AADSTS = Pattern.compile("AADSTS(\\d+)");

    private final GraphSettings settings;
    private final Clock clock;

    TokenErrors(GraphSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    String authority() {
        return settings.authority().toString();
    }

    /** The exception to throw for a failed token request. */
    NotifyException map(Throwable failure) {
        if (failure instanceof MsalServiceException service) {
            return mapService(service);
        }
        if (failure instanceof NotifyException notify) {
            return notify;
        }
        Throwable cause = rootCause(failure);
        if (cause instanceof SSLException) {
            return settingsProblem(MicrosoftIdentityKeys.AUTHORITY, "the TLS certificate of " + authority()
                    + " cannot be verified (" + cause.getMessage() + "); check the URL, or give the provider a trust "
                    + "store with the certificate authority of a TLS-inspecting proxy", failure);
        }
        String what = cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException
                ? "timed out" : cause instanceof IOException ? "failed (" + cause + ")" : "failed (" + failure + ")";
        return new TransientDeliveryException("token request to " + authority() + " " + what,
                DeliveryException.Details.of(), failure);
    }

    private NotifyException mapService(MsalServiceException e) {
        int status = e.statusCode() == null ? 0 : e.statusCode();
        String description = firstLine(e.getMessage());
        String code = aadsts(e.getMessage()).orElse("");
        if (status == 429 || status >= 500 || code.equals("50196")) {
            DeliveryException.Details details = DeliveryException.Details.of();
            if (status > 0) {
                details = details.replyCode(status);
            }
            Optional<Duration> retryAfter = RetryAfter.parse(header(e.headers(), "Retry-After"), clock.instant());
            if (retryAfter.isPresent()) {
                details = details.retryAfter(retryAfter.get());
            }
            return new TransientDeliveryException("the login host " + authority() + " is unavailable (HTTP " + status
                    + ", " + e.errorCode() + "): " + description, details, e);
        }
        String client = "app " + settings.clientId() + " in tenant " + settings.tenantId();
        switch (code) {
            case "7000215":
                return settingsProblem(MicrosoftIdentityKeys.CLIENT_SECRET, "Entra ID refused the client secret of " + client
                        + " (AADSTS7000215: invalid client secret). Set the secret's Value, not its Secret ID, and check "
                        + "it has not expired (Entra ID > App registrations > Certificates & secrets)", e);
            case "7000222":
                return settingsProblem(MicrosoftIdentityKeys.CLIENT_SECRET, "the client secret of " + client
                        + " has expired (AADSTS7000222). Create a new one (Entra ID > App registrations > Certificates "
                        + "& secrets) and set its Value", e);
            case "700016":
                return settingsProblem(MicrosoftIdentityKeys.CLIENT_ID, "Entra ID has no application with client ID "
                        + settings.clientId() + " in tenant " + settings.tenantId() + " (AADSTS700016: application not "
                        + "found). Use the app registration's Application (client) ID, registered in or consented to by "
                        + "this tenant", e);
            case "90002":
                return settingsProblem(MicrosoftIdentityKeys.TENANT_ID, "Entra ID has no tenant " + settings.tenantId()
                        + " at " + authority() + " (AADSTS90002: tenant not found). Use the Directory (tenant) ID, and "
                        + "check that email.graph.cloud is the cloud the tenant lives in", e);
            case "700027":
            case "700023":
            case "50012":
                return settingsProblem(MicrosoftIdentityKeys.CLIENT_CERTIFICATE, "Entra ID refused the client "
                        + "credential of " + client + " (AADSTS" + code + "): " + description + ". Upload the "
                        + "certificate's public part to the app registration (Certificates & secrets)", e);
            case "70011":
            case "1002012":
                return settingsProblem(GraphSettingKeys.SCOPE, "Entra ID refused the scope " + settings.scope()
                        + " (AADSTS" + code + "): " + description, e);
            default:
                return settingsProblem(MicrosoftIdentityKeys.CLIENT_ID, "Entra ID refused a token to " + client + " (HTTP "
                        + status + ", " + e.errorCode() + "): " + description, e);
        }
    }

    private SettingsException settingsProblem(SettingKey<?> key, String message, Throwable cause) {
        return new SettingsException(List.of(new Problem(settings.fullKey(key), message)), null, null, cause);
    }

    private static Optional<String> aadsts(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher m = AADSTS.matcher(message);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no description";
        }
        String line = message.lines().findFirst().orElse("").strip();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    private static String header(Map<String, List<String>> headers, String name) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (h.getKey() != null && h.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))
                    && h.getValue() != null && !h.getValue().isEmpty()) {
                return h.getValue().get(0);
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }
}
