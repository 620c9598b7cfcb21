package dev.notify.internal;

import dev.notify.AttemptPlan;
import dev.notify.Channel;
import dev.notify.DeliveryException;
import dev.notify.FailureClass;
import dev.notify.InvalidMessageException;
import dev.notify.NotifyException;
import dev.notify.Problem;
import dev.notify.RejectedRecipient;
import dev.notify.SendEvent;
import dev.notify.SendRejectedException;
import dev.notify.SendResult;
import dev.notify.SendStatus;
import dev.notify.SettingsException;
import dev.notify.TransientDeliveryException;
import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import dev.notify.message.Message;
import dev.notify.message.PhoneNumber;
import dev.notify.message.SmsLength;
import dev.notify.message.SmsMessage;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.SettingKeys;
import dev.notify.settings.Settings;
import dev.notify.spi.Delivery;
import dev.notify.spi.SendOutcome;
import java.time.DateTimeException;
import dev.notify.spi.MessageIds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One send: its attempts under the retry policy, one {@link #attempt()} at a time, so that the caller decides
 * how to wait (a synchronous send sleeps, an asynchronous one is scheduled). Settings are resolved again for
 * every attempt. A transient failure of the whole message is retried; when the server accepted some recipients
 * and deferred others (4xx), only the deferred ones are retried, with the same Message-ID. Permanent refusals are
 * never retried. Once anything was accepted, the send ends with a result rather than an exception.
 *
 * <p>Not threadsafe: one attempt runs at a time.
 */
final class Send {

    private static final Logger LOG = LoggerFactory.getLogger(Send.class);

    /** What the caller does next. */
    sealed interface Step permits Done, Failed, Retry, Later, Ready {
    }

    record Done(SendResult result) implements Step {
    }

    record Failed(RuntimeException exception) implements Step {
    }

    record Retry(Duration delay) implements Step {
    }

    /** A send with a plan: its caller makes the next attempt at {@code at}, sending {@code remaining}. */
    record Later(RuntimeException failure, Instant at, Message remaining) implements Step {
    }

    /**
     * Not an end: the attempt is ready for its sender ({@link #prepare()}); the caller sends {@link #message()} with
     * the lease, gives the outcome to {@link #finish}, and closes the lease.
     */
    record Ready(SenderRegistry.Lease lease, ResolvedSettings resolved) implements Step {
    }

    private final NotifierCore core;
    private final String server;
    private final Channel channel;
    private final Message original;
    private final Instant start;
    private final AttemptPlan plan;
    private final boolean queued;
    private boolean recordedByCaller;
    private boolean awaitsRecording;
    private final List<String> accepted = new ArrayList<>();
    private final List<RejectedRecipient> rejected = new ArrayList<>();
    private final Map<String, String> details = new LinkedHashMap<>();
    private Message current;
    private String providerId;
    private String messageId;
    private int attempts;

    Send(NotifierCore core, String server, Channel channel, Message message) {
        this(core, server, channel, message, null, false);
    }

    /**
     * A send of one attempt whose retries the caller schedules, when {@code plan} is not null; {@code queued} when
     * the message waited in a queue (asynchronous sends, the outbox), which lets the sender combine it with others.
     */
    Send(NotifierCore core, String server, Channel channel, Message message, AttemptPlan plan, boolean queued) {
        this.core = core;
        this.queued = queued;
        this.server = server;
        this.channel = channel;
        this.original = message;
        this.plan = plan;
        this.start = plan == null ? core.clock().instant() : plan.since();
        this.attempts = plan == null ? 0 : plan.number() - 1;
        this.messageId = plan == null ? null : message.messageId().orElse(null);
    }

    Message message() {
        return original;
    }

    /** Recipients accepted so far. */
    List<String> accepted() {
        return List.copyOf(accepted);
    }

    /** Recipients refused for good so far. */
    List<RejectedRecipient> rejected() {
        return List.copyOf(rejected);
    }

    /** Makes the next attempt, or ends the send when it cannot be made. */
    Step attempt() {
        Step prepared = prepare();
        if (!(prepared instanceof Ready ready)) {
            return prepared;
        }
        try (SenderRegistry.Lease lease = ready.lease()) {
            started();
            Delivery delivery;
            try {
                delivery = lease.send(current, queued);
            } catch (RuntimeException e) {
                return failedAttempt(e, ready.resolved());
            }
            return sent(delivery, ready.resolved());
        }
    }

    /**
     * Resolves the settings and leases the sender for the next attempt: {@link Ready} with the lease the caller
     * closes, or the step that ends the attempt before any sender (settings problems, channel disabled, message
     * refused by the channel's rules, notifier closed).
     */
    Step prepare() {
        while (true) {
            Settings settings = core.source().current();
            ResolvedSettings resolved = core.resolve(settings, server);
            if (!resolved.problems(channel).isEmpty()) {
                return settingsFailure(new SettingsException(resolved.problems(channel), server, null, null));
            }
            if (!resolved.get(SettingKeys.enabled(channel))) {
                LOG.debug("{} is disabled for {}; nothing sent", channel, layer());
                SendResult disabled = CoreAccess.outcomes().disabled(channel, server);
                fire(SendEvent.Kind.REJECTED, null, null, Optional.of(SendStatus.CHANNEL_DISABLED));
                return new Done(disabled);
            }
            SenderRegistry.Lease lease;
            try {
                lease = core.senders().lease(settings, resolved, channel);
            } catch (SettingsException e) {
                return settingsFailure(e);
            }
            if (lease == null) {
                if (core.senders().isClosed()) {
                    return new Failed(new SendRejectedException("the notifier is closed"));
                }
                continue;
            }
            providerId = lease.providerId();
            if (current == null) {
                try {
                    current = complete(original, resolved);
                } catch (InvalidMessageException e) {
                    lease.close();
                    return refused(e);
                }
                messageId = current.messageId().orElse(null);
            }
            return new Ready(lease, resolved);
        }
    }

    /** The message the next attempt sends: the original completed with the settings' defaults. */
    Message current() {
        return current;
    }

    /** Counts the attempt and reports it started; the caller then sends. */
    void started() {
        attempts++;
        fire(SendEvent.Kind.ATTEMPT_STARTED, null, null, Optional.empty());
    }

    /** Ends an attempt that {@link #prepare()} made ready and the caller sent, with what came of it. */
    Step finish(Ready ready, SendOutcome outcome) {
        if (outcome instanceof SendOutcome.Delivered delivered) {
            return sent(delivered.delivery(), ready.resolved());
        }
        return failedAttempt(((SendOutcome.Failed) outcome).failure(), ready.resolved());
    }

    /**
     * From now on a delivered outcome is recorded by the caller (a batch): {@link #done()} neither calls the plan's
     * recordDelivered nor reports {@code DELIVERED}; the caller calls {@link #recorded} once it has.
     */
    void recordedByCaller() {
        recordedByCaller = true;
    }

    /** Whether the last step is a delivered outcome that the caller records ({@link #recordedByCaller()}). */
    boolean awaitsRecording() {
        return awaitsRecording;
    }

    /** Reports {@code DELIVERED} for an outcome the caller recorded. */
    void recorded(SendResult result) {
        awaitsRecording = false;
        fire(SendEvent.Kind.DELIVERED, null, null, Optional.of(result.status()));
    }

    private Step failedAttempt(RuntimeException failure, ResolvedSettings resolved) {
        if (failure instanceof SettingsException e) {
            return settingsFailure(rebase(e, resolved));
        }
        if (failure instanceof DeliveryException e) {
            return failed(e, RetryPolicy.from(resolved, channel));
        }
        Step later = planned(failure, original);
        if (later != null) {
            return later;
        }
        fire(SendEvent.Kind.GAVE_UP, failure instanceof InvalidMessageException e ? e : null, null, Optional.empty());
        return new Failed(failure);
    }

    private Step sent(Delivery delivery, ResolvedSettings resolved) {
        messageId = delivery.messageId();
        if (channel == Channel.SMS && !delivery.accepted().isEmpty()) {
            core.deliveries().sent(messageId, current.messageId().orElse(null), server, providerId);
        }
        accepted.addAll(delivery.accepted());
        details.putAll(delivery.details());
        List<RejectedRecipient> deferred = new ArrayList<>();
        for (RejectedRecipient r : delivery.rejected()) {
            (r.transientFailure() ? deferred : rejected).add(r);
        }
        if (deferred.isEmpty() || !(current instanceof EmailMessage email)) {
            rejected.addAll(deferred);
            return done();
        }
        TransientDeliveryException deferral = new TransientDeliveryException(deferred.size() + " recipient(s) deferred");
        if (plan != null) {
            Step later = planned(deferral, CoreAccess.messages().onlyTo((EmailMessage) original,
                    deferred.stream().map(r -> EmailAddress.parse(r.address())).toList()));
            if (later != null) {
                return later;
            }
            rejected.addAll(deferred);
            return done();
        }
        Duration delay = RetryPolicy.from(resolved, channel).delayBeforeRetry(deferral, attempts, elapsed());
        if (delay == null) {
            rejected.addAll(deferred);
            return done();
        }
        fire(SendEvent.Kind.ATTEMPT_FAILED, deferral, nextAttemptAt(delay), Optional.empty());
        current = CoreAccess.messages().onlyTo(email, deferred.stream().map(r -> EmailAddress.parse(r.address())).toList());
        return new Retry(delay);
    }

    /** When the next attempt starts; a delay past the end of time (from a huge configured maximum) is the end. */
    private Instant nextAttemptAt(Duration delay) {
        Instant now = core.clock().instant();
        try {
            return now.plus(delay);
        } catch (DateTimeException | ArithmeticException e) {
            return Instant.MAX;
        }
    }

    private Step failed(DeliveryException e, RetryPolicy policy) {
        Step later = planned(e, original);
        if (later != null) {
            return later;
        }
        Duration delay = plan != null ? null : policy.delayBeforeRetry(e, attempts, elapsed());
        if (delay != null) {
            LOG.debug("{} via {} for {}: attempt {} failed ({}); retrying in {} ms", channel, providerId, layer(),
                    attempts, e.getMessage(), delay.toMillis());
            fire(SendEvent.Kind.ATTEMPT_FAILED, e, nextAttemptAt(delay), Optional.empty());
            return new Retry(delay);
        }
        fire(SendEvent.Kind.ATTEMPT_FAILED, e, null, Optional.empty());
        if (!accepted.isEmpty()) {
            refuseAll(e);
            return done();
        }
        LOG.debug("{} via {} for {} failed after {} attempt(s): {}", channel, providerId, layer(), attempts,
                e.getMessage());
        DeliveryException withContext = CoreAccess.failures().withContext(e, server, providerId, attempts);
        fire(SendEvent.Kind.GAVE_UP, withContext, null, Optional.empty());
        return new Failed(withContext);
    }

    /** A message the channel's rules refuse before any provider sees it. */
    private Step refused(InvalidMessageException e) {
        Step later = planned(e, original);
        if (later != null) {
            return later;
        }
        fire(SendEvent.Kind.REJECTED, e, null, Optional.empty());
        return new Failed(e);
    }

    private Step settingsFailure(SettingsException e) {
        Step later = planned(e, original);
        if (later != null) {
            return later;
        }
        fire(attempts == 0 ? SendEvent.Kind.REJECTED : SendEvent.Kind.GAVE_UP, e, null, Optional.empty());
        return new Failed(e);
    }

    /** With a plan that gives a next attempt: that attempt, reported as such; otherwise null. */
    private Step planned(RuntimeException failure, Message remaining) {
        if (plan == null) {
            return null;
        }
        Optional<Instant> at = plan.retryAt().apply(failure);
        if (at.isEmpty()) {
            return null;
        }
        fire(SendEvent.Kind.ATTEMPT_FAILED, failure instanceof NotifyException n ? n : null, at.get(), Optional.empty());
        return new Later(failure, at.get(), remaining);
    }

    /** The problems of a sender shared by several servers, named with the keys of the server that sent. */
    private SettingsException rebase(SettingsException e, ResolvedSettings resolved) {
        List<Problem> problems = e.problems().stream()
                .map(p -> p.setting().map(k -> p.withKey(resolved.fullKey(k))).orElse(p)).toList();
        return new SettingsException(problems, server, providerId, e);
    }

    /** Every recipient of the last attempt, refused: with its own reply when the failure has one for it. */
    private void refuseAll(DeliveryException e) {
        int code = e.replyCode().orElse(0);
        Map<String, RejectedRecipient> own = new HashMap<>();
        e.rejectedRecipients().forEach(r -> own.put(r.address(), r));
        for (EmailAddress recipient : ((EmailMessage) current).recipients()) {
            RejectedRecipient r = own.get(recipient.address());
            rejected.add(r != null ? r : new RejectedRecipient(recipient.address(), code, e.getMessage(), e.isTransient()));
        }
    }

    private Step done() {
        Duration elapsed = elapsed();
        LOG.debug("{} {} accepted by {} for {} after {} attempt(s) in {} ms", channel, messageId, providerId, layer(),
                attempts, elapsed.toMillis());
        SendResult result = CoreAccess.outcomes().delivered(channel, server, providerId,
                new Delivery(messageId, accepted, rejected, details), attempts, elapsed);
        if (recordedByCaller) {
            awaitsRecording = true;
            return new Done(result);
        }
        if (plan != null && !plan.recordDelivered().test(result)) {
            return new Done(result);
        }
        fire(SendEvent.Kind.DELIVERED, null, null, Optional.of(result.status()));
        return new Done(result);
    }

    private void fire(SendEvent.Kind kind, NotifyException failure, Instant nextAttempt, Optional<SendStatus> status) {
        if (core.listeners().isEmpty()) {
            return;
        }
        OptionalInt code = failure instanceof DeliveryException d ? d.replyCode() : OptionalInt.empty();
        SendEvent.PersonalData personal = new SendEvent.PersonalData(accepted, rejected,
                Optional.ofNullable(failure).map(Throwable::getMessage));
        core.listeners().fire(new SendEvent(kind, core.clock().instant(), Optional.ofNullable(server), channel,
                Optional.ofNullable(providerId), Optional.ofNullable(messageId), attempts, elapsed(),
                Optional.ofNullable(failure).map(FailureClass::of), code, Optional.ofNullable(nextAttempt), status,
                accepted.size(), rejected.size(), Optional.ofNullable(failure).map(f -> f.getClass().getSimpleName()),
                Optional.of(personal)));
    }

    /** Reports a send the notifier refused to take (queue full, closed). */
    void rejected(NotifyException e) {
        fire(SendEvent.Kind.REJECTED, e, null, Optional.empty());
    }

    private Duration elapsed() {
        return Duration.between(start, core.clock().instant());
    }

    private String layer() {
        return server == null ? "global" : server;
    }

    private static Message complete(Message message, ResolvedSettings settings) {
        return message instanceof EmailMessage email ? complete(email, settings) : complete((SmsMessage) message, settings);
    }

    private static EmailMessage complete(EmailMessage message, ResolvedSettings settings) {
        if (message.from().isPresent() && message.messageId().isPresent()
                && (!message.replyTo().isEmpty() || settings.find(SettingKeys.EMAIL_REPLY_TO).isEmpty())) {
            return message;
        }
        EmailAddress from = message.from().orElseGet(() -> settings.get(SettingKeys.EMAIL_SENDER));
        String id = message.messageId().isPresent() ? null : MessageIds.generate(from);
        return CoreAccess.messages().withDefaults(message, from, settings.find(SettingKeys.EMAIL_REPLY_TO).orElse(null), id);
    }

    /**
     * The SMS channel's rules, applied before any provider sees the message: the number in E.164
     * ({@code sms.default-country-code} for a national one), the text within {@code sms.max-segments}, a Message-ID.
     *
     * @throws InvalidMessageException naming {@code phone-number} or {@code text}
     */
    private static SmsMessage complete(SmsMessage message, ResolvedSettings settings) {
        PhoneNumber number = PhoneNumber.parse(message.phoneNumber(), settings);
        SmsLength.of(message.text()).requireAtMost(settings.get(SettingKeys.SMS_MAX_SEGMENTS));
        return SmsMessage.of(number.e164(), message.text())
                .withMessageId(message.messageId().orElseGet(() -> MessageIds.generate(message, settings)));
    }
}
