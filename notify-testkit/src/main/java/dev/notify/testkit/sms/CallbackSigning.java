package dev.notify.testkit.sms;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** How the services sign their callbacks, written from their documentation, for the stubs. */
final class CallbackSigning {

    private CallbackSigning() {
    }

    static byte[] hmac(String algorithm, byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm, e);
        }
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Twilio: Base64 HMAC-SHA1 of the URL followed by each field's name and value, sorted by name. */
    static String twilio(String authToken, String url, Map<String, String> fields) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(fields).forEach((name, value) -> data.append(name).append(value));
        return Base64.getEncoder().encodeToString(hmac("HmacSHA1", authToken.getBytes(StandardCharsets.UTF_8),
                data.toString()));
    }

    /** Vonage's SMS API {@code md5hash}: MD5 of {@code &name=value} sorted by name, followed by the secret. */
    static String vonageMd5Hash(String secret, Map<String, String> fields) {
        StringBuilder data = new StringBuilder();
        new TreeMap<>(fields).forEach((name, value) -> data.append('&').append(name).append('=')
                .append(value.replace('&', '_').replace('=', '_')));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(
                    (data + secret).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A compact JWS signed HS256 (RFC 7515) of {@code claimsJson}. */
    static String hs256(String secret, String claimsJson) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signed = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
        return signed + "." + b64.encodeToString(hmac("HmacSHA256", secret.getBytes(StandardCharsets.UTF_8), signed));
    }
}
