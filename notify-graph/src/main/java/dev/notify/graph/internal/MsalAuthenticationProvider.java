package dev.notify.graph.internal;

import com.microsoft.kiota.RequestInformation;
import com.microsoft.kiota.RequestOption;
import com.microsoft.kiota.authentication.AuthenticationProvider;
import dev.notify.microsoft.AccessToken;
import dev.notify.microsoft.AppTokenSource;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;

/**
 * Authenticates the Graph SDK's requests with the msal4j token: the one the sender chose for the request
 * ({@link BearerTokenOption}), else the current one. Only requests to the configured Graph host over HTTPS get
 * a token.
 *
 * <p>This class is threadsafe.
 */
final class MsalAuthenticationProvider implements AuthenticationProvider {

    private final AppTokenSource tokens;
    private final String graphHost;

    MsalAuthenticationProvider(AppTokenSource tokens, String graphHost) {
        this.tokens = tokens;
        this.graphHost = graphHost.toLowerCase(Locale.ROOT);
    }

    @Override
    public void authenticateRequest(RequestInformation request, Map<String, Object> additionalContext) {
        try {
            URI uri = request.getUri();
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null
                    || !graphHost.equals(uri.getHost().toLowerCase(Locale.ROOT))) {
                return;
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the Graph request has an invalid URL", e);
        }
        AccessToken token = null;
        for (RequestOption option : request.getRequestOptions()) {
            if (option instanceof BearerTokenOption chosen) {
                token = chosen.token();
            }
        }
        if (token == null) {
            token = tokens.token();
        }
        request.headers.remove("Authorization");
        request.headers.add("Authorization", "Bearer " + token.value());
    }
}
