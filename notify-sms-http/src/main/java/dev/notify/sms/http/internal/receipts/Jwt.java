package dev.notify.sms.http.internal.receipts;

import dev.notify.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** Verifies a compact JWS signed HS256 (RFC 7515); any other algorithm, {@code none} included, is refused. */
final class Jwt {

    private Jwt() {
    }

    /** The claims of {@code token} when it is signed HS256 under {@code key}; empty otherwise. */
    @SuppressWarnings("unchecked")
    static Optional<Map<String, Object>> verifiedClaims(String token, byte[] key) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || token.length() > 16_384) {
            return Optional.empty();
        }
        try {
            Base64.Decoder decoder = Base64.getUrlDecoder();
            Object header = Json.parse(new String(decoder.decode(parts[0]), StandardCharsets.UTF_8));
            if (!(header instanceof Map<?, ?> h) || !"HS256".equals(h.get("alg"))) {
                return Optional.empty();
            }
            byte[] expected = Signatures.hmac("HmacSHA256", key,
                    (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!MessageDigest.isEqual(expected, decoder.decode(parts[2]))) {
                return Optional.empty();
            }
            Object claims = Json.parse(new String(decoder.decode(parts[1]), StandardCharsets.UTF_8));
            return claims instanceof Map ? Optional.of((Map<String, Object>) claims) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
