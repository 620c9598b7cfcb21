package dev.notify.testkit.graph;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request to the token endpoint, {@code POST /{tenant}/oauth2/v2.0/token}, as received.
 *
 * <p>This class is immutable and threadsafe.
 *
 * @param tenant the tenant in the path
 * @param form   the form parameters ({@code grant_type}, {@code client_id}, {@code scope}, and
 *               {@code client_secret} or {@code client_assertion})
 */
public record TokenRequest(String tenant, Map<String, String> form) {

    public TokenRequest {
        Objects.requireNonNull(tenant, "tenant");
        form = Map.copyOf(form);
    }

    public Optional<String> parameter(String name) {
        return Optional.ofNullable(form.get(name));
    }

    /** Whether the client authenticated with a signed assertion (a certificate) rather than a secret. */
    public boolean usesClientAssertion() {
        return form.containsKey("client_assertion");
    }

    @Override
    public String toString() {
        return "TokenRequest[" + tenant + ", grant_type=" + form.get("grant_type") + ", client_id="
                + form.get("client_id") + ", scope=" + form.get("scope") + "]";
    }
}
