package dev.notify.sms.http.internal.receipts;

import dev.notify.DeliveryReceipt;
import dev.notify.DeliveryStatus;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.Secret;
import dev.notify.sms.http.InfobipSettingKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Infobip's SMS delivery reports
 * (https://www.infobip.com/docs/api/channels/sms/sms-messaging/logs-and-status-reports/receive-outbound-sms-message-report):
 * a JSON {@code {"results":[...]}} of up to 100 reports, each with {@code messageId}, {@code status.groupName}
 * (PENDING, DELIVERED, UNDELIVERABLE, EXPIRED, REJECTED) and {@code error}. Authenticated as the account's webhook
 * security says: HTTP Basic ({@code sms.infobip.report-username}/{@code -password}) or an API key in a header
 * ({@code sms.infobip.report-header}/{@code -header-value}); mutual TLS is the host's TLS terminator's to check.
 */
public final class InfobipReceipts implements ReceiptReader {

    private static final Map<String, DeliveryStatus> GROUPS = Map.of(
            "PENDING", DeliveryStatus.SENT, "DELIVERED", DeliveryStatus.DELIVERED,
            "UNDELIVERABLE", DeliveryStatus.UNDELIVERED, "EXPIRED", DeliveryStatus.UNDELIVERED,
            "REJECTED", DeliveryStatus.FAILED);
    private static final DateTimeFormatter DONE_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    /** The order of Infobip's status groups for one message, for tests and the stub. */
    public static final List<String> ORDER = List.of("PENDING", "DELIVERED");

    @Override
    public String providerId() {
        return "infobip";
    }

    @Override
    public Reading read(Callback callback, ResolvedSettings settings, Instant now) {
        Optional<String> username = settings.find(InfobipSettingKeys.REPORT_USERNAME);
        Optional<Secret> password = settings.find(InfobipSettingKeys.REPORT_PASSWORD);
        Optional<String> header = settings.find(InfobipSettingKeys.REPORT_HEADER);
        Optional<Secret> headerValue = settings.find(InfobipSettingKeys.REPORT_HEADER_VALUE);
        boolean verified;
        if (username.isPresent() && password.isPresent()) {
            verified = Signatures.same(basic(username.get(), password.get().reveal()),
                    callback.header("Authorization").orElse(null));
        } else if (header.isPresent() && headerValue.isPresent()) {
            verified = Signatures.same(headerValue.get().reveal(), callback.header(header.get()).orElse(null));
        } else {
            return new Reading.Refused("neither sms.infobip.report-username nor sms.infobip.report-header is set for "
                    + settings.serverId().map(s -> "server " + s).orElse("the global settings")
                    + ", so Infobip's delivery reports cannot be authenticated");
        }
        if (!verified) {
            return new Reading.Refused("the delivery report's credentials do not match");
        }
        return new Reading.Verified(receipts(callback.jsonObject()),
                Signatures.hex(Signatures.digest("SHA-256", callback.body())));
    }

    /** The {@code Authorization} header of HTTP Basic (RFC 7617). */
    public static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    private List<DeliveryReceipt> receipts(Map<String, Object> body) {
        if (!(body.get("results") instanceof List<?> results)) {
            throw new UnreadableCallbackException("an Infobip delivery report without results");
        }
        List<DeliveryReceipt> receipts = new ArrayList<>(results.size());
        for (Object result : results) {
            if (!(result instanceof Map<?, ?> report) || !(report.get("messageId") instanceof String id)
                    || !(report.get("status") instanceof Map<?, ?> status)
                    || !(status.get("groupName") instanceof String group)) {
                throw new UnreadableCallbackException("an Infobip report without messageId and status.groupName");
            }
            DeliveryStatus mapped = GROUPS.get(group);
            if (mapped == null) {
                continue;
            }
            String name = status.get("name") instanceof String n ? n : group;
            Optional<Map<?, ?>> error = Optional.ofNullable(report.get("error")).filter(Map.class::isInstance)
                    .<Map<?, ?>>map(e -> (Map<?, ?>) e).filter(e -> !"0".equals(String.valueOf(e.get("id"))));
            Optional<String> code = error.map(e -> e.get("id") + (e.get("name") == null ? "" : " " + e.get("name")));
            Optional<String> reason = error.map(e -> ReceiptReasons.infobip(String.valueOf(e.get("groupName")),
                    e.get("description") == null ? null : e.get("description").toString()));
            Optional<Instant> at = Optional.ofNullable(report.get("doneAt")).map(Object::toString).flatMap(t -> {
                try {
                    return Optional.of(OffsetDateTime.parse(t, DONE_AT).toInstant());
                } catch (DateTimeParseException e) {
                    return Optional.empty();
                }
            });
            receipts.add(new DeliveryReceipt(providerId(), id, mapped, name, code, reason, at));
        }
        return receipts;
    }
}
