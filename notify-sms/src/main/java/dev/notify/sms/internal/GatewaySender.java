package dev.notify.sms.internal;

import dev.notify.CheckReport;
import dev.notify.RejectedRecipient;
import dev.notify.SendRejectedException;
import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import dev.notify.message.PhoneNumber;
import dev.notify.message.SmsLength;
import dev.notify.message.SmsMessage;
import dev.notify.sms.GatewaySettingKeys;
import dev.notify.spi.Delivery;
import dev.notify.spi.EmailSender;
import dev.notify.spi.MessageIds;
import dev.notify.spi.SenderContext;
import dev.notify.spi.SmsSender;
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
public final class GatewaySender implements SmsSender {

    private static final Logger LOG = LoggerFactory.getLogger(GatewaySender.class);

    private final String providerId;
    private final GatewaySettings settings;
    private final SenderContext context;
    private final EmailSender email;
    private final CarrierGateways carriers;
    private volatile boolean closed;

    /** A sender that mails through {@code email} and compares carriers' closing dates with the context's clock. */
    public GatewaySender(String providerId, SenderContext context, EmailSender email) {
        this.providerId = Objects.requireNonNull(providerId, "providerId");
        this.context = Objects.requireNonNull(context, "context");
        this.email = Objects.requireNonNull(email, "email");
        this.carriers = new CarrierGateways(context.clock());
        this.settings = GatewaySettings.from(context.settings());
        carrierNotice().ifPresent(notice -> LOG.warn("SMS of {}: {}",
                context.settings().serverId().map(id -> "server " + id).orElse("the global settings"), notice.message()));
    }

    @Override
    public Delivery send(SmsMessage sms) {
        if (closed) {
            throw new SendRejectedException("the SMS gateway sender is closed");
        }
        PhoneNumber number = PhoneNumber.parse(sms.phoneNumber(), context.settings());
        SmsLength length = SmsLength.of(sms.text()).requireAtMost(settings.maxSegments());
        EmailAddress gateway = EmailAddress.of(null,
                settings.recipientFormat().localPart(number) + "@" + settings.destinationDomain());
        EmailMessage mail = EmailMessage.builder()
                .from(settings.sender())
                .to(gateway)
                .subject(settings.subject())
                .text(sms.text())
                .messageId(sms.messageId().map(id -> MessageIds.inDomainOf(id, settings.sender()))
                        .orElseGet(() -> MessageIds.generate(settings.sender())))
                .build();
        Delivery delivered = email.send(mail);
        return delivery(number, gateway, length, delivered);
    }

    private Delivery delivery(PhoneNumber number, EmailAddress gateway, SmsLength length, Delivery mailed) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("sms.e164", number.e164());
        details.put("sms.gateway-address", gateway.address());
        details.put("sms.segments", Integer.toString(length.segments()));
        details.put("sms.encoding", length.encoding().id());
        details.put("sms.outcome", "handed to the email gateway " + settings.destinationDomain()
                + "; the gateway does not report whether the phone received it");
        carrierNotice().ifPresent(notice -> details.put("sms.warning", notice.message()));
        details.put("email.message-id", mailed.messageId());
        details.put("email.accepted", String.join(", ", mailed.accepted()));
        mailed.details().forEach((name, value) -> details.put("email." + name, value));
        List<String> accepted = mailed.accepted().isEmpty() ? List.of() : List.of(number.e164());
        List<RejectedRecipient> rejected = mailed.rejected().stream()
                .map(r -> new RejectedRecipient(number.e164(), r.replyCode(), r.reason(), r.transientFailure()))
                .toList();
        return new Delivery(mailed.messageId(), accepted, rejected, details);
    }

    private Optional<CarrierGateways.Notice> carrierNotice() {
        return carriers.notice(settings.destinationDomain());
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
        CheckReport mail = email.check();
        mail.items().forEach(item -> report.item("email." + item.name(), item.value()));
        if (notice.filter(CarrierGateways.Notice::closed).isPresent()) {
            return report.failure(notice.get().message()).build();
        }
        if (!mail.settingsProblems().isEmpty()) {
            report.settingsFailure(mail.settingsProblems());
        } else {
            mail.failure().ifPresent(f -> report.failure("the email delivery (" + mail.providerId() + ") failed: " + f));
        }
        return report.build();
    }

    /** Stops sending; the email sender belongs to the notifier and stays open. */
    @Override
    public void close() {
        closed = true;
    }
}
