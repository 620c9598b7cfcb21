package dev.notify.microsoft.internal;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The claims of an access token, decoded for diagnostics only: the signature is not checked, so nothing here
 * may grant anything.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class JwtClaims {

    private final Map<String, Object> claims;

    private JwtClaims(Map<String, Object> claims) {
        this.claims = claims;
    }

    /**
     * Decodes the payload of a JWT.
     *
     * @throws IllegalArgumentException when the token is not a JWT with a JSON object payload
     */
    public static JwtClaims decode(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("the access token is not a JWT (" + parts.length + " parts instead of 3)");
        }
        try (JsonReader reader = JsonProviders.createReader(Base64.getUrlDecoder().decode(parts[1]))) {
            Map<String, Object> map = reader.readMap(JsonReader::readUntyped);
            if (map == null) {
                throw new IllegalArgumentException("the access token's payload is not a JSON object");
            }
            return new JwtClaims(map);
        } catch (IOException | IllegalStateException e) {
            throw new IllegalArgumentException("the access token's payload is not JSON: " + e.getMessage(), e);
        }
    }

    /** The {@code roles} claim: the application permissions granted to the app. */
    public List<String> roles() {
        Object roles = claims.get("roles");
        if (roles instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
