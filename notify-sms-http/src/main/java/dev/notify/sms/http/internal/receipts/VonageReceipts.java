package dev.notify.sms.http.internal.receipts;

import dev.notify.DeliveryReceipt;
import dev.notify.DeliveryStatus;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.Secret;
import dev.notify.sms.http.VonageSettingKeys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Vonage's delivery receipts (https://developer.vonage.com/en/getting-started/concepts/signing-messages and
 * https://developer.vonage.com/en/getting-started/concepts/webhooks#decoding-signed-webhooks). The SMS API signs
 * the receipt's parameters (query, form or JSON) with {@code sig}: the parameters but {@code sig}, sorted by name,
 * written {@code &name=value} ({@code &} and {@code =} in values replaced by {@code _}), then the MD5 of that text
 * followed by the signature secret ({@code md5hash}), or its HMAC under the secret. The signed {@code timestamp}
 * must be within five minutes of the notifier's clock. The Messages API sends {@code Authorization: Bearer} with a
 * JWT signed HS256 under the signature secret whose {@code payload_hash} is the hex SHA-256 of the body, issued
 * ({@code iat}) within five minutes.
 */
public final class VonageReceipts implements ReceiptReader {

    private static final Map<String, DeliveryStatus> SMS_API = Map.of(
            "accepted", DeliveryStatus.SENT, "buffered", DeliveryStatus.SENT, "unknown", DeliveryStatus.SENT,
            "delivered", DeliveryStatus.DELIVERED, "expired", DeliveryStatus.UNDELIVERED,
            "failed", DeliveryStatus.FAILED, "rejected", DeliveryStatus.FAILED);
    private static final Map<String, DeliveryStatus> MESSAGES_API = Map.of(
            "submitted", DeliveryStatus.SENT, "delivered", DeliveryStatus.DELIVERED, "read", DeliveryStatus.DELIVERED,
            "undeliverable", DeliveryStatus.UNDELIVERED, "rejected", DeliveryStatus.FAILED);
    private static final DateTimeFormatter MESSAGE_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The order of the SMS API's statuses for one message, for tests and the stub. */
    public static final List<String> ORDER = List.of("accepted", "delivered");

    @Override
    public String providerId() {
        return "vonage";
    }

    @Override
    public Reading read(Callback callback, ResolvedSettings settings, Instant now) {
        Optional<Secret> secret = settings.find(VonageSettingKeys.SIGNATURE_SECRET);
        if (secret.isEmpty()) {
            return new Reading.Refused("sms.vonage.signature-secret is not set for " + settings.serverId()
                    .map(s -> "server " + s).orElse("the global settings") + ", so Vonage's signature cannot be checked");
        }
        Optional<String> bearer = callback.header("Authorization").filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).strip());
        if (bearer.isPresent()) {
            return readMessagesApi(callback, bearer.get(), secret.get(), now);
        }
        List<Callback.Field> fields = new ArrayList<>(callback.query());
        fields.addAll(callback.isJson() ? callback.jsonFields() : callback.form());
        Optional<String> sig = field(fields, "sig");
        if (sig.isEmpty()) {
            return new Reading.Refused("no 'sig' parameter and no Bearer token: turn on signed webhooks for the API key");
        }
        String method = settings.get(VonageSettingKeys.SIGNATURE_METHOD);
        if (!Signatures.sameHex(signature(method, secret.get().reveal(), fields), sig.get())) {
            return new Reading.Refused("'sig' does not match (sms.vonage.signature-method=" + method + ")");
        }
        Optional<Instant> signedAt = field(fields, "timestamp").flatMap(VonageReceipts::epochSeconds);
        if (signedAt.isEmpty() || !withinTolerance(signedAt.get(), now)) {
            return new Reading.Refused("the signed timestamp is missing or more than " + TOLERANCE.toMinutes()
                    + " minutes from now: a replay");
        }
        return new Reading.Verified(smsApiReceipts(fields), sig.get());
    }

    /** The SMS API's signature of these parameters ({@code sig} among them is left out). */
    public static String signature(String method, String secret, List<Callback.Field> fields) {
        StringBuilder data = new StringBuilder();
        fields.stream().filter(f -> !f.name().equals("sig"))
                .sorted(Comparator.comparing(Callback.Field::name))
                .forEach(f -> data.append('&').append(f.name()).append('=')
                        .append(f.value().replace('&', '_').replace('=', '_')));
        return switch (method) {
            case "md5hash" -> Signatures.hex(Signatures.digest("MD5",
                    (data + secret).getBytes(StandardCharsets.UTF_8)));
            case "md5" -> Signatures.hex(Signatures.hmac("HmacMD5", secret, data.toString()));
            case "sha1" -> Signatures.hex(Signatures.hmac("HmacSHA1", secret, data.toString()));
            case "sha256" -> Signatures.hex(Signatures.hmac("HmacSHA256", secret, data.toString()));
            case "sha512" -> Signatures.hex(Signatures.hmac("HmacSHA512", secret, data.toString()));
            default -> throw new IllegalArgumentException("signature method " + method);
        };
    }

    /** {@link #signature(String, String, List)} with parameters given as a map. */
    public static String signature(String method, String secret, Map<String, String> fields) {
        return signature(method, secret, fields.entrySet().stream()
                .map(e -> new Callback.Field(e.getKey(), e.getValue())).toList());
    }

    private Reading readMessagesApi(Callback callback, String token, Secret secret, Instant now) {
        Optional<Map<String, Object>> claims = Jwt.verifiedClaims(token,
                secret.reveal().getBytes(StandardCharsets.UTF_8));
        if (claims.isEmpty()) {
            return new Reading.Refused("the Bearer token is not a JWT signed HS256 with sms.vonage.signature-secret");
        }
        Object hash = claims.get().get("payload_hash");
        if (!(hash instanceof String h)
                || !Signatures.sameHex(Signatures.hex(Signatures.digest("SHA-256", callback.body())), h)) {
            return new Reading.Refused("the body does not match the token's payload_hash");
        }
        Optional<Instant> issued = Optional.ofNullable(claims.get().get("iat")).map(Object::toString)
                .flatMap(VonageReceipts::epochSeconds);
        if (issued.isEmpty() || !withinTolerance(issued.get(), now)) {
            return new Reading.Refused("the token's iat is missing or more than " + TOLERANCE.toMinutes()
                    + " minutes from now: a replay");
        }
        Map<String, Object> body = callback.jsonObject();
        Object uuid = body.get("message_uuid");
        Object status = body.get("status");
        if (!(uuid instanceof String id) || !(status instanceof String word)) {
            throw new UnreadableCallbackException("a Vonage message status without message_uuid and status");
        }
        DeliveryStatus mapped = MESSAGES_API.get(word);
        if (mapped == null) {
            return new Reading.Verified(List.of(), token);
        }
        Optional<String> code = Optional.ofNullable(body.get("error")).filter(Map.class::isInstance)
                .map(e -> ((Map<?, ?>) e).get("title")).map(Object::toString);
        Optional<String> detail = Optional.ofNullable(body.get("error")).filter(Map.class::isInstance)
                .map(e -> ((Map<?, ?>) e).get("detail")).map(Object::toString);
        Optional<Instant> at = Optional.ofNullable(body.get("timestamp")).map(Object::toString).flatMap(t -> {
            try {
                return Optional.of(Instant.parse(t));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        });
        return new Reading.Verified(List.of(new DeliveryReceipt(providerId(), id, mapped, word, code,
                code.isPresent() ? Optional.of(ReceiptReasons.vonageMessages(code.get(), detail)) : Optional.empty(),
                at)), token);
    }

    private List<DeliveryReceipt> smsApiReceipts(List<Callback.Field> fields) {
        Optional<String> id = field(fields, "messageId");
        Optional<String> status = field(fields, "status");
        if (id.isEmpty() || status.isEmpty()) {
            throw new UnreadableCallbackException("a Vonage delivery receipt without messageId and status");
        }
        DeliveryStatus mapped = SMS_API.get(status.get());
        if (mapped == null) {
            return List.of();
        }
        Optional<String> code = field(fields, "err-code").filter(c -> !c.isBlank() && !c.equals("0"));
        Optional<Instant> at = field(fields, "message-timestamp").flatMap(t -> {
            try {
                return Optional.of(LocalDateTime.parse(t, MESSAGE_TIMESTAMP).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        });
        return List.of(new DeliveryReceipt(providerId(), id.get(), mapped, status.get(), code,
                code.map(ReceiptReasons::vonage), at));
    }

    private static boolean withinTolerance(Instant signed, Instant now) {
        return Duration.between(signed, now).abs().compareTo(TOLERANCE) <= 0;
    }

    private static Optional<Instant> epochSeconds(String text) {
        try {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(text.strip())));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> field(List<Callback.Field> fields, String name) {
        return fields.stream().filter(f -> f.name().equals(name)).map(Callback.Field::value).findFirst();
    }
}
