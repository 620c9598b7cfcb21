package dev.notify.outbox.internal;

import dev.notify.AttemptOutcome;
import dev.notify.AttemptPlan;
import dev.notify.Channel;
import dev.notify.FailureClass;
import dev.notify.Notifier;
import dev.notify.NotifyException;
import dev.notify.PlannedAttempt;
import dev.notify.RejectedRecipient;
import dev.notify.SendResult;
import dev.notify.SendStatus;
import dev.notify.ServerNotifier;
import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import dev.notify.message.Message;
import dev.notify.message.SmsMessage;
import dev.notify.outbox.OutboxEntry;
import dev.notify.outbox.OutboxSettings;
import dev.notify.outbox.OutboxState;
import dev.notify.outbox.spi.Journal;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.SettingKeys;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readies claimed entries for their attempts through the notifier and works out each entry's next state from its
 * outcome: accepted (all or some), retrying at a time {@link RetrySchedule} chose, or failed with its reason.
 * Threadsafe.
 */
final class AttemptRunner {

    private static final Logger LOG = LoggerFactory.getLogger(AttemptRunner.class);

    /**
     * The entry's next state, and its content when the next attempt sends less (deferred recipients only); recorded
     * when it was handed to the attempt's recorder already (an accepted message, before listeners see it delivered).
     */
    record Next(OutboxEntry entry, byte[] message, boolean recorded) {
        /** Not attempted: the server's rate budget is spent; the claim ends with the entry unchanged. */
        static final Next DEFERRED = new Next(null, null, false);

        Next(OutboxEntry entry, byte[] message) {
            this(entry, message, false);
        }

        boolean deferred() {
            return entry == null;
        }
    }

    private final Notifier notifier;
    private final Journal journal;
    private final Clock clock;

    AttemptRunner(Notifier notifier, Journal journal, Clock clock) {
        this.notifier = notifier;
        this.journal = journal;
        this.clock = clock;
    }

    /**
     * An entry ready for its attempt: the message read back from the journal, the notifier of its server, and the
     * plan that the batch's attempt follows.
     */
    static final class Prepared {
        final OutboxEntry entry;
        final Message message;
        final ServerNotifier target;
        final ResolvedSettings settings;
        final RetrySchedule schedule;
        final int attempt;
        final PlannedAttempt planned;
        private final AtomicBoolean expired = new AtomicBoolean();

        private Prepared(OutboxEntry entry, Message message, ServerNotifier target, ResolvedSettings settings,
                RetrySchedule schedule, Clock clock) {
            this.entry = entry;
            this.message = message;
            this.target = target;
            this.settings = settings;
            this.schedule = schedule;
            this.attempt = entry.attempts() + 1;
            this.planned = new PlannedAttempt(message, new AttemptPlan(attempt, entry.queuedSince(), failure -> {
                Optional<Instant> next = schedule.next(failure, attempt, clock.instant(), entry.queuedSince());
                expired.set(next.isEmpty() && RetrySchedule.mayPass(failure));
                return next;
            }));
        }
    }

    /**
     * Reads the entry back and readies its attempt: a {@link Prepared}, or the entry's {@link Next} when there is
     * nothing to attempt: the journalled message cannot be read (it fails), or the server's rate budget
     * ({@code outbox.rate.*}) is spent ({@link Next#DEFERRED}).
     */
    Object prepare(OutboxEntry entry, byte[] content) {
        Message message;
        try {
            message = MessageCodec.decode(content);
        } catch (CorruptRecordException e) {
            LOG.error("Outbox message {} cannot be read back from the journal and fails: {}", entry.id(), e.getMessage());
            return new Next(failed(entry, entry.attempts(), FailureClass.INVALID_MESSAGE,
                    "the journalled message cannot be read: " + e.getMessage(), schedule(entry)), null);
        }
        ServerNotifier target = entry.serverId().map(notifier::server).orElseGet(notifier::global);
        ResolvedSettings settings = target.settings();
        if (!withinBudget(entry, message, settings)) {
            return Next.DEFERRED;
        }
        return new Prepared(entry, message, target, settings, RetrySchedule.from(settings), clock);
    }

    /** The entry's final state once the server accepted its message (every recipient or some). */
    OutboxEntry delivered(Prepared p, SendResult result) {
        return done(p.entry, p.attempt, result, p.settings, p.schedule);
    }

    /**
     * The entry's next state from its attempt's outcome; {@code recorded} when its accepted outcome was handed to
     * the batch's recorder already (through {@link #delivered}). A relay that asks to slow down (421, 429) holds its
     * server in the journal until the entry's next attempt, for every worker and process.
     */
    Next next(Prepared p, AttemptOutcome outcome) {
        OutboxEntry entry = p.entry;
        int attempt = p.attempt;
        if (outcome instanceof AttemptOutcome.Done done) {
            boolean recorded = done.result().status() != SendStatus.CHANNEL_DISABLED;
            return new Next(done(entry, attempt, done.result(), p.settings, p.schedule), null, recorded);
        }
        if (outcome instanceof AttemptOutcome.Retry retry) {
            slowDownOn(entry, retry.failure(), retry.at());
            List<String> accepted = concat(entry.accepted(), retry.accepted());
            List<RejectedRecipient> rejected = concat(entry.rejected(), retry.rejected());
            OutboxEntry next = entry.retrying(attempt, retry.at(), RetrySchedule.classOf(retry.failure()),
                    describe(retry.failure()), accepted, rejected);
            return new Next(next, retry.remaining() == p.message ? null : MessageCodec.encode(retry.remaining()));
        }
        RuntimeException failure = ((AttemptOutcome.Failed) outcome).failure();
        slowDownOn(entry, failure, clock.instant().plus(p.schedule.backoff().initialDelay()));
        String reason = p.expired.get()
                ? "expired: not accepted within outbox.max-age (" + p.schedule.maxAge() + ") since "
                        + entry.queuedSince() + "; last failure: " + describe(failure)
                : describe(failure);
        if (!entry.accepted().isEmpty()) {
            List<RejectedRecipient> rejected = new ArrayList<>(entry.rejected());
            for (String recipient : recipients(p.message)) {
                rejected.add(new RejectedRecipient(recipient, replyCode(failure), reason,
                        RetrySchedule.classOf(failure) == FailureClass.TRANSIENT));
            }
            Instant now = clock.instant();
            return new Next(entry.finished(OutboxState.PARTIALLY_ACCEPTED, attempt,
                    Optional.of(RetrySchedule.classOf(failure)), Optional.of(reason), entry.accepted(), rejected, now,
                    RetrySchedule.after(now, p.schedule.keepAccepted())), null);
        }
        return new Next(failed(entry, attempt, RetrySchedule.classOf(failure), reason, p.schedule), null);
    }

    /** The next state of an entry whose attempt failed in an unexpected way: tried again after {@code delay}. */
    Next unexpected(OutboxEntry entry, RuntimeException e, java.time.Duration delay) {
        return new Next(entry.retrying(entry.attempts(), clock.instant().plus(delay), FailureClass.TRANSIENT,
                "unexpected: " + e, entry.accepted(), entry.rejected()), null);
    }

    private boolean withinBudget(OutboxEntry entry, Message message, ResolvedSettings settings) {
        Journal.RateLimit limit = new Journal.RateLimit(settings.find(OutboxSettings.RATE_MESSAGES_PER_MINUTE).orElse(0),
                settings.find(OutboxSettings.RATE_RECIPIENTS_PER_DAY).orElse(0));
        if (!limit.isLimited()) {
            return true;
        }
        Optional<Instant> later = journal.takeBudget(entry.serverId().orElse(Journal.GLOBAL),
                recipients(message).size(), clock.instant(), limit);
        later.ifPresent(at -> LOG.debug("Outbox message {}: the rate budget of {} is spent; it waits until {}",
                entry.id(), entry.serverId().orElse("the global settings"), at));
        return later.isEmpty();
    }

    /** A relay's 421 (SMTP) or 429 (HTTP) holds its server in the journal until {@code until}. */
    private void slowDownOn(OutboxEntry entry, RuntimeException failure, Instant until) {
        int code = replyCode(failure);
        if (code != 421 && code != 429) {
            return;
        }
        String server = entry.serverId().orElse(Journal.GLOBAL);
        LOG.info("Outbox: {} answered {}; no message goes to it before {}", entry.serverId().map(s -> "server " + s)
                .orElse("the global settings' relay"), code, until);
        try {
            journal.slowDown(server, until);
        } catch (RuntimeException e) {
            LOG.warn("Outbox: could not hold {} in the journal ({}): {}", server, journal.describe(), e.getMessage());
        }
    }

    private OutboxEntry done(OutboxEntry entry, int attempt, SendResult result, ResolvedSettings settings,
            RetrySchedule schedule) {
        if (result.status() == SendStatus.CHANNEL_DISABLED) {
            String channel = entry.channel().name().toLowerCase(Locale.ROOT);
            return failed(entry, attempt, FailureClass.SETTINGS, channel + " is disabled for "
                    + entry.serverId().map(s -> "server " + s).orElse("the global settings") + " ("
                    + settings.fullKey(SettingKeys.enabled(entry.channel())) + "=false); nothing was sent", schedule);
        }
        List<String> accepted = concat(entry.accepted(), result.accepted());
        List<RejectedRecipient> rejected = concat(entry.rejected(), result.rejected());
        Instant now = clock.instant();
        OutboxState state = rejected.isEmpty() ? OutboxState.ACCEPTED : OutboxState.PARTIALLY_ACCEPTED;
        OutboxEntry finished = entry.finished(state, attempt, Optional.empty(), Optional.empty(), accepted, rejected,
                now, RetrySchedule.after(now, schedule.keepAccepted()));
        return result.messageId().filter(sid -> entry.channel() == Channel.SMS).map(finished::withServiceMessageId)
                .orElse(finished);
    }

    private OutboxEntry failed(OutboxEntry entry, int attempts, FailureClass failure, String reason, RetrySchedule schedule) {
        Instant now = clock.instant();
        return entry.finished(OutboxState.FAILED, attempts, Optional.of(failure), Optional.of(reason), entry.accepted(),
                entry.rejected(), now, RetrySchedule.after(now, schedule.keepFailed()));
    }

    private RetrySchedule schedule(OutboxEntry entry) {
        return RetrySchedule.from(entry.serverId().map(notifier::server).orElseGet(notifier::global).settings());
    }

    private static String describe(RuntimeException failure) {
        String message = failure.getMessage();
        return failure instanceof NotifyException || message == null
                ? String.valueOf(message) : failure.getClass().getSimpleName() + ": " + message;
    }

    private static int replyCode(RuntimeException failure) {
        return failure instanceof dev.notify.DeliveryException d ? d.replyCode().orElse(0) : 0;
    }

    private static List<String> recipients(Message message) {
        if (message instanceof EmailMessage email) {
            return email.recipients().stream().map(EmailAddress::address).toList();
        }
        return List.of(((SmsMessage) message).phoneNumber());
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        if (second.isEmpty()) {
            return first;
        }
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
