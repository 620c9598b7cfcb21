package dev.notify.testkit.graph;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.notify.testkit.internal.FormFields;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The Entra ID token endpoint: client credentials with a secret or a signed assertion. Answers with an access
 * token shaped like Microsoft's (a JWT whose payload carries {@code roles}, {@code tid}, {@code exp}; the
 * signature is not real), or with the error Entra ID gives for a wrong tenant, client ID or secret.
 */
final class TokenEndpoint {

    static final String NAME = "notify-graph-token";

    private final FixtureState state;

    TokenEndpoint(FixtureState state) {
        this.state = state;
    }

    ResponseDefinition transform(ServeEvent event) {
        LoggedRequest request = event.getRequest();
        String tenant = request.getUrl().split("/")[1];
        Map<String, String> form = FormFields.decode(request.getBodyAsString());
        state.tokenRequests.add(new TokenRequest(tenant, form));
        TokenFault fault = state.nextTokenFault();
        if (fault == null) {
            fault = refusal(tenant, form);
        }
        if (fault != null) {
            return json(fault.status(), "{\"error\":\"" + fault.error() + "\",\"error_description\":\""
                    + fault.description() + "\\r\\nTrace ID: " + UUID.randomUUID() + "\",\"error_codes\":["
                    + fault.aadstsCode() + "],\"timestamp\":\"" + Instant.now() + "\",\"trace_id\":\""
                    + UUID.randomUUID() + "\",\"correlation_id\":\"" + UUID.randomUUID() + "\"}");
        }
        long lifetime = state.tokenLifetime().toSeconds();
        String token = state.accessToken() != null ? state.accessToken() : accessToken(tenant, form.get("scope"), lifetime);
        state.issuedTokens.add(token);
        state.tokenRoles.put(token, state.roles());
        return json(200, "{\"token_type\":\"Bearer\",\"expires_in\":" + lifetime + ",\"ext_expires_in\":" + lifetime
                + ",\"access_token\":\"" + token + "\"}");
    }

    private TokenFault refusal(String tenant, Map<String, String> form) {
        if (!state.tenantId.equals(tenant)) {
            return TokenFault.tenantNotFound();
        }
        if (!state.clientId.equals(form.get("client_id"))) {
            return TokenFault.applicationNotFound();
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return TokenFault.error(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type.");
        }
        if (!form.containsKey("client_assertion") && !state.clientSecret.equals(form.get("client_secret"))) {
            return TokenFault.invalidClientSecret();
        }
        return null;
    }

    private String accessToken(String tenant, String scope, long lifetime) {
        long now = Instant.now().getEpochSecond();
        String audience = scope == null ? "" : scope.replace("/.default", "");
        String roles = state.roles().stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(","));
        String payload = "{\"aud\":\"" + audience + "\",\"iss\":\"https://sts.windows.net/" + tenant + "/\",\"iat\":"
                + now + ",\"nbf\":" + now + ",\"exp\":" + (now + lifetime) + ",\"appid\":\"" + state.clientId
                + "\",\"roles\":[" + roles + "],\"tid\":\"" + tenant + "\",\"uti\":\"" + UUID.randomUUID() + "\"}";
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString("not-a-real-signature".getBytes(StandardCharsets.UTF_8));
    }

    private static ResponseDefinition json(int status, String body) {
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("Cache-Control", "no-store, no-cache")
                .withBody(body)
                .build();
    }
}
