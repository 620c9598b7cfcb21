package dev.notify.sms.internal;

import dev.notify.sms.GatewaySettingKeys;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * US carriers' email-to-SMS gateways that are shut down or announced to shut down, so the gateway provider can say
 * so instead of reporting mails to them as handed over. A mail to a closed gateway is accepted by the email server
 * and never reaches a phone.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class CarrierGateways {

    /** What to set instead, for every message that names a closed gateway. */
    static final String INSTEAD = "send through an HTTP SMS service instead: add notify-sms-http and set "
            + "sms.delivery-method=twilio with sms.twilio.account-sid, sms.twilio.auth-token and sms.twilio.from; "
            + "or vonage with sms.vonage.api-key, sms.vonage.api-secret and sms.vonage.from; or infobip with "
            + "sms.infobip.base-url and sms.infobip.api-key; or webhook with sms.webhook.url for an in-house relay";

    private record Closure(String domain, String carrier, LocalDate date, String when) {
    }

    private static final List<Closure> CLOSURES = List.of(
            new Closure("tmomail.net", "T-Mobile", LocalDate.of(2024, 12, 1), "in December 2024"),
            new Closure("txt.att.net", "AT&T", LocalDate.of(2025, 6, 17), "on 17 June 2025"),
            new Closure("mms.att.net", "AT&T", LocalDate.of(2025, 6, 17), "on 17 June 2025"),
            new Closure("vtext.com", "Verizon", LocalDate.of(2027, 3, 31), "on 31 March 2027"),
            new Closure("vzwpix.com", "Verizon", LocalDate.of(2027, 3, 31), "on 31 March 2027"));

    private final Clock clock;

    public CarrierGateways(Clock clock) {
        this.clock = clock;
    }

    /** What an administrator must know about sending to {@code domain} now, or empty for any other gateway. */
    public Optional<Notice> notice(String domain) {
        String lower = domain.toLowerCase(Locale.ROOT);
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        return CLOSURES.stream().filter(c -> c.domain.equals(lower)).findFirst().map(c -> {
            boolean closed = !today.isBefore(c.date);
            String message = GatewaySettingKeys.DESTINATION_DOMAIN.name() + "=" + c.domain + " is " + c.carrier + "'s email-to-SMS gateway, "
                    + (closed ? "which " + c.carrier + " shut down " + c.when + ": mails to it no longer reach phones"
                            : "which " + c.carrier + " has announced to shut down " + c.when
                                    + ": from then on mails to it will not reach phones")
                    + "; " + INSTEAD;
            return new Notice(closed, message);
        });
    }

    /**
     * @param closed  whether the gateway is shut down already, rather than announced to be
     * @param message what happened or will happen, and which keys to set instead
     */
    public record Notice(boolean closed, String message) {
    }
}
