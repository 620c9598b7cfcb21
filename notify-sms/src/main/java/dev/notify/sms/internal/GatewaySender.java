package dev.notify.sms.internal;

import dev.notify.CheckReport;
import dev.notify.RejectedRecipient;
import dev.notify.SendRejectedException;
import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import dev.notify.message.Message;
import dev.notify.message.PhoneNumber;
import dev.notify.message.SmsLength;
import dev.notify.message.SmsMessage;
import dev.notify.sms.GatewaySettingKeys;
import dev.notify.spi.Delivery;
import dev.notify.spi.Sender;
import dev.notify.spi.SenderContext;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an SMS as a plain-text email to the gateway, with one call to the email sender of the same settings.
 * Everything is checked (number, length) before that call; nothing is retried here. A gateway that its carrier
 * shut down, or announced to, is logged once when the sender is created, noted in every result and fails
 * {@link #check()} once it is closed.
 *
 * <p>This class is threadsafe.
 */
public final class GatewaySender implements Sender {

    private static final Logger LOG = LoggerFactory.getLogger(GatewaySender.class);

    private final String providerId;
    private final GatewaySettings settings;
    private final SenderContext context;
    private final CarrierGateways carriers;
    private final SecureRandom random = new SecureRandom();
    private volatile boolean closed;

    public GatewaySender(String providerId, SenderContext context, CarrierGateways carriers) {
        this.providerId = Objects.requireNonNull(providerId, "providerId");
        this.context = Objects.requireNonNull(context, "context");
        this.carriers = Objects.requireNonNull(carriers, "carriers");
        this.settings = GatewaySettings.from(context.settings());
        carrierNotice().ifPresent(notice -> LOG.warn("SMS of {}: {}",
                context.settings().serverId().map(id -> "server " + id).orElse("the global settings"), notice.message()));
    }

    @Override
    public Delivery send(Message message) {
        if (closed) {
            throw new SendRejectedException("the SMS gateway sender is closed");
        }
        if (!(message instanceof SmsMessage sms)) {
            throw new IllegalArgumentException("the SMS gateway sends SmsMessage only, got " + message.getClass().getSimpleName());
        }
        PhoneNumber number = PhoneNumber.parse(sms.phoneNumber(), context.settings());
        SmsLength length = SmsLength.of(sms.text()).requireAtMost(settings.maxSegments());
        EmailAddress gateway = EmailAddress.of(null,
                settings.recipientFormat().localPart(number) + "@" + settings.destinationDomain());
        EmailMessage email = EmailMessage.builder()
                .from(settings.sender())
                .to(gateway)
                .subject(settings.subject())
                .text(sms.text())
                .messageId(sms.messageId().orElseGet(this::newMessageId))
                .build();
        Delivery delivered = context.emailSender().send(email);
        return delivery(number, gateway, length, delivered);
    }

    private Delivery delivery(PhoneNumber number, EmailAddress gateway, SmsLength length, Delivery email) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("sms.e164", number.e164());
        details.put("sms.gateway-address", gateway.address());
        details.put("sms.segments", Integer.toString(length.segments()));
        details.put("sms.encoding", length.encoding().id());
        details.put("sms.outcome", "handed to the email gateway " + settings.destinationDomain()
                + "; the gateway does not report whether the phone received it");
        carrierNotice().ifPresent(notice -> details.put("sms.warning", notice.message()));
        details.put("email.message-id", email.messageId());
        details.put("email.accepted", String.join(", ", email.accepted()));
        email.details().forEach((name, value) -> details.put("email." + name, value));
        List<String> accepted = email.accepted().isEmpty() ? List.of() : List.of(number.e164());
        List<RejectedRecipient> rejected = email.rejected().stream()
                .map(r -> new RejectedRecipient(number.e164(), r.replyCode(), r.reason(), r.transientFailure()))
                .toList();
        return new Delivery(email.messageId(), accepted, rejected, details);
    }

    private Optional<CarrierGateways.Notice> carrierNotice() {
        return carriers.notice(settings.destinationDomain());
    }

    private String newMessageId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return "<" + HexFormat.of().formatHex(bytes) + "@" + settings.senderDomain() + ">";
    }

    /**
     * Reports the gateway settings, then checks the email delivery the gateway mails go through. A gateway its
     * carrier shut down fails the check whatever the email delivery says; one announced to shut down is a warning.
     */
    @Override
    public CheckReport check() {
        CheckReport.Builder report = CheckReport.builder(providerId)
                .item(GatewaySettingKeys.SENDER.name(), settings.sender().toString())
                .item(GatewaySettingKeys.DESTINATION_DOMAIN.name(), settings.destinationDomain())
                .item(GatewaySettingKeys.RECIPIENT_FORMAT.name(), settings.recipientFormat().id())
                .item("sms.max-segments", Integer.toString(settings.maxSegments()));
        Optional<CarrierGateways.Notice> notice = carrierNotice();
        notice.filter(n -> !n.closed()).ifPresent(n -> report.item("warning", n.message()));
        CheckReport email;
        try {
            email = context.emailSender().check();
        } catch (IllegalStateException e) {
            return report.failure("email is disabled for these settings; the SMS gateway needs it").build();
        }
        email.items().forEach(item -> report.item("email." + item.name(), item.value()));
        if (notice.filter(CarrierGateways.Notice::closed).isPresent()) {
            return report.failure(notice.get().message()).build();
        }
        if (!email.settingsProblems().isEmpty()) {
            report.settingsFailure(email.settingsProblems());
        } else {
            email.failure().ifPresent(f -> report.failure("the email delivery (" + email.providerId() + ") failed: " + f));
        }
        return report.build();
    }

    /** Stops sending; the email sender belongs to the notifier and stays open. */
    @Override
    public void close() {
        closed = true;
    }
}
