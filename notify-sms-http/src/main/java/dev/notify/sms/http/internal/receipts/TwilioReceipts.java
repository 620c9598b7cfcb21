package dev.notify.sms.http.internal.receipts;

import dev.notify.DeliveryReceipt;
import dev.notify.DeliveryStatus;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.Secret;
import dev.notify.sms.http.TwilioSettingKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Twilio's status callbacks (https://www.twilio.com/docs/usage/webhooks/webhooks-security): {@code X-Twilio-Signature}
 * is the Base64 HMAC-SHA1, under the account's auth token, of the full URL followed by every form parameter's name
 * and value, sorted by name; a JSON body is signed through the URL instead, whose {@code bodySHA256} parameter is
 * the hex SHA-256 of the body. Fields {@code MessageSid}, {@code MessageStatus}, {@code ErrorCode}; a verified
 * callback without them (another kind of Twilio webhook) carries no receipt.
 */
public final class TwilioReceipts implements ReceiptReader {

    private static final Map<String, DeliveryStatus> STATUSES = Map.ofEntries(
            Map.entry("accepted", DeliveryStatus.QUEUED), Map.entry("scheduled", DeliveryStatus.QUEUED),
            Map.entry("queued", DeliveryStatus.QUEUED), Map.entry("sending", DeliveryStatus.SENT),
            Map.entry("sent", DeliveryStatus.SENT), Map.entry("delivered", DeliveryStatus.DELIVERED),
            Map.entry("read", DeliveryStatus.DELIVERED), Map.entry("undelivered", DeliveryStatus.UNDELIVERED),
            Map.entry("failed", DeliveryStatus.FAILED), Map.entry("canceled", DeliveryStatus.FAILED));

    /** The order of Twilio's statuses for one message, for tests and the stub. */
    public static final List<String> ORDER = List.of("queued", "sending", "sent", "delivered");

    @Override
    public String providerId() {
        return "twilio";
    }

    @Override
    public Reading read(Callback callback, ResolvedSettings settings, Instant now) {
        Optional<Secret> token = settings.find(TwilioSettingKeys.AUTH_TOKEN);
        if (token.isEmpty()) {
            return new Reading.Refused("sms.twilio.auth-token is not set for " + settings.serverId().map(s -> "server " + s)
                    .orElse("the global settings") + ", so Twilio's signature cannot be checked");
        }
        Optional<String> signature = callback.header("X-Twilio-Signature");
        if (signature.isEmpty()) {
            return new Reading.Refused("no X-Twilio-Signature header");
        }
        String url = callback.url().toString();
        List<Callback.Field> fields;
        if (callback.isJson()) {
            Optional<String> bodyHash = callback.query().stream().filter(f -> f.name().equals("bodySHA256"))
                    .map(Callback.Field::value).findFirst();
            if (bodyHash.isEmpty() || !Signatures.sameHex(Signatures.hex(Signatures.digest("SHA-256", callback.body())),
                    bodyHash.get())) {
                return new Reading.Refused("the JSON body does not match its bodySHA256");
            }
            fields = List.of();
        } else {
            fields = callback.form();
        }
        if (!Signatures.same(signature(token.get().reveal(), url, fields), signature.get())) {
            return new Reading.Refused("X-Twilio-Signature does not match");
        }
        return new Reading.Verified(receipts(callback.isJson() ? callback.jsonFields() : fields), signature.get());
    }

    /** Twilio's signature of a request to {@code url} with these form fields. */
    public static String signature(String authToken, String url, List<Callback.Field> fields) {
        StringBuilder data = new StringBuilder(url);
        fields.stream().sorted(Comparator.comparing(Callback.Field::name).thenComparing(Callback.Field::value))
                .forEach(f -> data.append(f.name()).append(f.value()));
        return Base64.getEncoder().encodeToString(Signatures.hmac("HmacSHA1",
                authToken.getBytes(StandardCharsets.UTF_8), data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** {@link #signature(String, String, List)} with fields given as a map. */
    public static String signature(String authToken, String url, Map<String, String> fields) {
        return signature(authToken, url, fields.entrySet().stream()
                .map(e -> new Callback.Field(e.getKey(), e.getValue())).toList());
    }

    private List<DeliveryReceipt> receipts(List<Callback.Field> fields) {
        Optional<String> sid = field(fields, "MessageSid").or(() -> field(fields, "SmsSid"));
        Optional<String> status = field(fields, "MessageStatus").or(() -> field(fields, "SmsStatus"));
        if (sid.isEmpty() || status.isEmpty()) {
            return List.of();
        }
        DeliveryStatus mapped = STATUSES.get(status.get());
        if (mapped == null) {
            return List.of();
        }
        Optional<String> code = field(fields, "ErrorCode").filter(c -> !c.isBlank() && !c.equals("0"));
        List<DeliveryReceipt> receipts = new ArrayList<>(1);
        receipts.add(new DeliveryReceipt(providerId(), sid.get(), mapped, status.get(), code,
                code.map(ReceiptReasons::twilio), Optional.empty()));
        return receipts;
    }

    private static Optional<String> field(List<Callback.Field> fields, String name) {
        return fields.stream().filter(f -> f.name().equals(name)).map(Callback.Field::value).findFirst();
    }
}
