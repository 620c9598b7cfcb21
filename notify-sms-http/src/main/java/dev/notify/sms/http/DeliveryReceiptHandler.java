package dev.notify.sms.http;

import dev.notify.DeliveryReceipt;
import dev.notify.DeliveryTracker;
import dev.notify.Notifier;
import dev.notify.ServerNotifier;
import dev.notify.settings.ResolvedSettings;
import dev.notify.sms.http.internal.receipts.Callback;
import dev.notify.sms.http.internal.receipts.InfobipReceipts;
import dev.notify.sms.http.internal.receipts.ReceiptReader;
import dev.notify.sms.http.internal.receipts.Reading;
import dev.notify.sms.http.internal.receipts.ReplayMemory;
import dev.notify.sms.http.internal.receipts.TwilioReceipts;
import dev.notify.sms.http.internal.receipts.VonageReceipts;
import dev.notify.web.WebHandler;
import dev.notify.web.WebRequest;
import dev.notify.web.WebResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoint Twilio, Vonage and Infobip report SMS delivery to: a framework-neutral {@link WebHandler}, mounted
 * where {@code sms.receipts.public-base-url} points, as a servlet ({@code new WebHandlerServlet(handler)}), on the
 * JDK's HTTP server ({@code JdkWebServer}), or by the Spring Boot starter ({@code notify.sms.receipts.enabled}).
 *
 * <p>A request to {@code /<provider>} (global settings) or {@code /<provider>/<server>} below the mount is verified
 * with that server's secrets ({@code sms.twilio.auth-token}, {@code sms.vonage.signature-secret},
 * {@code sms.infobip.report-*}) against the URL the service was given, then its receipts go to the notifier's
 * {@link DeliveryTracker}, which moves statuses forward only and tells the send listeners. Answers:
 * <ul>
 *   <li>{@code 200}: verified (its receipts applied, or kept until the send records the id), or the same signed
 *       callback again (answered so the service stops retrying; nothing applied twice);</li>
 *   <li>{@code 403}: not verified (missing or wrong signature or credentials, a signed time more than five minutes
 *       from the notifier's clock): nothing of it is read or applied, and it is counted;</li>
 *   <li>{@code 400}: verified but unreadable; {@code 404}: no such provider or server id; {@code 405}: neither
 *       POST nor GET.</li>
 * </ul>
 * Nothing a callback carries is logged but the provider and the reason for a refusal.
 *
 * <p>This class is threadsafe.
 */
public final class DeliveryReceiptHandler implements WebHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryReceiptHandler.class);
    private static final Pattern SERVER = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Notifier notifier;
    private final Map<String, ReceiptReader> readers;
    private final ReplayMemory replays;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private final LongAdder verified = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder repeated = new LongAdder();
    private final LongAdder unreadable = new LongAdder();

    /**
     * What the handler did since it was created.
     *
     * @param verified   callbacks verified and applied
     * @param refused    callbacks refused as unverifiable, stale or for settings that cannot verify them
     * @param repeated   verified callbacks that came again, byte for byte, and were not applied again
     * @param unreadable verified callbacks that could not be read
     */
    public record Counts(long verified, long refused, long repeated, long unreadable) {
    }

    private DeliveryReceiptHandler(Notifier notifier) {
        this.notifier = notifier;
        this.readers = Map.of("twilio", new TwilioReceipts(), "vonage", new VonageReceipts(),
                "infobip", new InfobipReceipts());
        this.replays = new ReplayMemory();
    }

    /** A handler that verifies with {@code notifier}'s settings and applies to {@code notifier.deliveries()}. */
    public static DeliveryReceiptHandler create(Notifier notifier) {
        return new DeliveryReceiptHandler(Objects.requireNonNull(notifier, "notifier"));
    }

    @Override
    public WebResponse handle(WebRequest request) {
        if (!request.method().equals("POST") && !request.method().equals("GET")) {
            return WebResponse.text(405, "POST or GET").withHeader("Allow", "POST, GET");
        }
        String[] parts = request.path().substring(1).split("/", -1);
        ReceiptReader reader = parts.length <= 2 ? readers.get(parts[0]) : null;
        String server = parts.length == 2 ? parts[1] : null;
        if (reader == null || (server != null && !SERVER.matcher(server).matches())) {
            return WebResponse.text(404, "no delivery receipts here");
        }
        ServerNotifier bound = server == null ? notifier.global() : notifier.server(server);
        ResolvedSettings settings = bound.settings();
        Optional<URI> base = settings.find(ReceiptSettingKeys.PUBLIC_BASE_URL);
        if (base.isEmpty()) {
            return refuse(reader, settings.fullKey(ReceiptSettingKeys.PUBLIC_BASE_URL) + " is not set, so the URL "
                    + "the service signed is unknown");
        }
        Callback callback = new Callback(request.method(), url(ReceiptSettingKeys.callbackUrl(base.get(),
                reader.providerId(), server), request), headers(request), request.body());
        Instant now = notifier.clock().instant();
        Reading reading;
        try {
            reading = reader.read(callback, settings, now);
        } catch (RuntimeException e) {
            unreadable.increment();
            LOG.debug("A verified {} callback could not be read: {}", reader.providerId(), e.getMessage());
            return WebResponse.text(400, "unreadable");
        }
        if (reading instanceof Reading.Refused no) {
            return refuse(reader, no.why());
        }
        Reading.Verified yes = (Reading.Verified) reading;
        if (!replays.firstTime(reader.providerId() + ":" + yes.replayKey(), now)) {
            repeated.increment();
            return WebResponse.text(200, "already received");
        }
        verified.increment();
        DeliveryTracker tracker = notifier.deliveries();
        for (DeliveryReceipt receipt : yes.receipts()) {
            tracker.apply(receipt);
        }
        return WebResponse.text(200, "ok");
    }

    /** What this handler did since it was created. */
    public Counts counts() {
        return new Counts(verified.sum(), refused.sum(), repeated.sum(), unreadable.sum());
    }

    private WebResponse refuse(ReceiptReader reader, String why) {
        refused.increment();
        notifier.deliveries().refused(reader.providerId());
        if (warned.add(reader.providerId() + why)) {
            LOG.warn("Refused a {} delivery receipt: {} (further refusals for this reason at debug level)",
                    reader.providerId(), why);
        } else {
            LOG.debug("Refused a {} delivery receipt: {}", reader.providerId(), why);
        }
        return WebResponse.text(403, "refused");
    }

    /**
     * The URL the service called: the callback URL notify gave it, with the request's query. notify-web's request
     * holds the query decoded, so it is encoded again in its order; the services' own query parameters
     * ({@code bodySHA256}, Vonage's fields) encode the same either way.
     */
    private static URI url(URI callbackUrl, WebRequest request) {
        if (request.query().isEmpty()) {
            return callbackUrl;
        }
        StringJoiner query = new StringJoiner("&");
        request.query().forEach((name, values) -> values.forEach(value -> query.add(
                URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8))));
        return URI.create(callbackUrl + "?" + query);
    }

    private static Map<String, String> headers(WebRequest request) {
        Map<String, String> headers = new TreeMap<>();
        request.headers().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        return headers;
    }

    @Override
    public String toString() {
        return "DeliveryReceiptHandler" + List.copyOf(new TreeMap<>(readers).keySet());
    }
}
