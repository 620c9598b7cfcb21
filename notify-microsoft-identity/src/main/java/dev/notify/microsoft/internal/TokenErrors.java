package dev.notify.microsoft.internal;

import com.microsoft.aad.msal4j.MsalServiceException;
import dev.notify.DeliveryException;
import dev.notify.NotifyException;
import dev.notify.SettingsException;
import dev.notify.TransientDeliveryException;
import dev.notify.microsoft.MicrosoftIdentityKeys;
import dev.notify.microsoft.MicrosoftTrust;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.SettingKey;
import dev.notify.spi.RetryAfter;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what msal4j throws into notify's exceptions: credentials Entra ID refuses, and a login host whose
 * certificate is not trusted, become a {@link SettingsException} naming the key to fix and saying how; an
 * unreachable, slow or busy login host a {@link TransientDeliveryException}. Messages quote Entra ID's error code
 * and first sentence, never a secret.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class TokenErrors {

    private static final Pattern AADSTS = Pattern.compile("AADSTS(\\d+)");

    private final ResolvedSettings settings;
    private final URI authority;
    private final SettingKey<String> scopeKey;
    private final MicrosoftTrust trust;
    private final Clock clock;

    /**
     * @param authority the tenant's authority the token was requested from
     * @param scopeKey  the key of the scope requested
     */
    public TokenErrors(ResolvedSettings settings, URI authority, SettingKey<String> scopeKey, MicrosoftTrust trust,
            Clock clock) {
        this.settings = settings;
        this.authority = authority;
        this.scopeKey = scopeKey;
        this.trust = trust;
        this.clock = clock;
    }

    /** The exception to throw for a failed token request. */
    public NotifyException map(Throwable failure) {
        if (failure instanceof MsalServiceException service) {
            return refused(service);
        }
        if (failure instanceof NotifyException notify) {
            return notify;
        }
        Optional<SettingsException> certificate = trust.certificateProblem(failure, settings,
                MicrosoftIdentityKeys.AUTHORITY, authority);
        if (certificate.isPresent()) {
            return certificate.get();
        }
        boolean timedOut = Causes.find(failure, HttpTimeoutException.class, SocketTimeoutException.class).isPresent();
        String what = timedOut ? "timed out" : "failed ("
                + Causes.find(failure, IOException.class).map(Throwable::toString).orElse(failure.toString()) + ")";
        return new TransientDeliveryException("the OAuth token request to " + authority + " " + what,
                DeliveryException.Details.of(), failure);
    }

    private NotifyException refused(MsalServiceException e) {
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
            return new TransientDeliveryException("the login host " + authority + " is unavailable (HTTP " + status
                    + ", " + e.errorCode() + "): " + description, details, e);
        }
        String tenant = settings.get(MicrosoftIdentityKeys.TENANT_ID);
        String clientId = settings.get(MicrosoftIdentityKeys.CLIENT_ID);
        String client = "app " + clientId + " in tenant " + tenant;
        switch (code) {
            case "7000215":
                return problem(MicrosoftIdentityKeys.CLIENT_SECRET, "Entra ID refused the client secret of " + client
                        + " (AADSTS7000215: invalid client secret). Set the secret's Value, not its Secret ID, and "
                        + "check it has not expired (Entra ID > App registrations > Certificates & secrets)", e);
            case "7000222":
                return problem(MicrosoftIdentityKeys.CLIENT_SECRET, "the client secret of " + client + " has expired "
                        + "(AADSTS7000222). Create a new one (Entra ID > App registrations > Certificates & secrets) "
                        + "and set its Value", e);
            case "700016":
                return problem(MicrosoftIdentityKeys.CLIENT_ID, "Entra ID has no application with client ID " + clientId
                        + " in tenant " + tenant + " (AADSTS700016: application not found). Use the app "
                        + "registration's Application (client) ID, registered in or consented to by this tenant", e);
            case "90002":
            case "900023":
                return problem(MicrosoftIdentityKeys.TENANT_ID, "Entra ID has no tenant " + tenant + " at " + authority
                        + " (AADSTS" + code + ": tenant not found). Use the Directory (tenant) ID, and check that "
                        + settings.fullKey(MicrosoftIdentityKeys.CLOUD) + " is the cloud the tenant lives in", e);
            case "700027":
            case "700023":
            case "50012":
                return problem(MicrosoftIdentityKeys.CLIENT_CERTIFICATE, "Entra ID refused the client credential of "
                        + client + " (AADSTS" + code + "): " + description + ". Upload the certificate's public part "
                        + "to the app registration (Certificates & secrets)", e);
            case "70011":
            case "1002012":
                return problem(scopeKey, "Entra ID refused the scope " + settings.get(scopeKey) + " (AADSTS" + code
                        + "): " + description, e);
            default:
                return problem(MicrosoftIdentityKeys.CLIENT_ID, "Entra ID refused a token to " + client + " (HTTP "
                        + status + ", " + e.errorCode() + "): " + description + ". Check "
                        + settings.fullKey(MicrosoftIdentityKeys.TENANT_ID) + ", "
                        + settings.fullKey(MicrosoftIdentityKeys.CLIENT_ID) + " and the app's secret or certificate", e);
        }
    }

    private SettingsException problem(SettingKey<?> key, String message, Throwable cause) {
        return new SettingsException(List.of(settings.problem(key, message)), null, null, cause);
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
}
