package dev.notify;

import dev.notify.message.EmailMessage;
import dev.notify.message.Message;
import dev.notify.message.SmsMessage;
import dev.notify.settings.ResolvedSettings;
import dev.notify.template.RenderedTemplate;
import dev.notify.template.TemplateMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * A {@link Notifier} bound to the settings of one server (or the global layer). Cheap to obtain; hold it or
 * ask the notifier again.
 *
 * <h2>What returns and what throws</h2>
 * <ul>
 *   <li>Returns a {@link SendResult}: the message was accepted by the server for all recipients
 *       ({@link SendStatus#ACCEPTED}) or some ({@link SendStatus#PARTIALLY_ACCEPTED}), or the channel is disabled
 *       for this server and nothing was sent ({@link SendStatus#CHANNEL_DISABLED}).</li>
 *   <li>Throws {@link SettingsException}: the settings cannot work (missing host, unknown delivery method,
 *       authentication refused). Nothing is retried. A channel's send throws when that channel's settings have a
 *       problem, or when any entry of the server's layers could not be read, also for a disabled channel, so a
 *       mistyped {@code email.enabled} is never read as "off"; a problem of SMS settings alone does not stop
 *       email.</li>
 *   <li>Throws {@link TransientDeliveryException} or {@link PermanentDeliveryException}: nothing was accepted,
 *       after the retries that {@code email.retry.*} allows for transient failures.</li>
 *   <li>Throws {@link SendRejectedException}: the notifier is closed, or (async) its queue is full.</li>
 * </ul>
 * Asynchronous sends complete their future with the same results and exceptions; a full queue or a closed
 * notifier throws {@link SendRejectedException} from the call itself, so no message is dropped silently.
 *
 * <p>Implementations are threadsafe.
 */
public interface ServerNotifier {

    /** The server, or empty for the global settings. */
    Optional<String> serverId();

    /** The effective settings now, with their origins and problems. */
    ResolvedSettings settings();

    /** Sends an email; {@code from} defaults to {@code email.sender}, Reply-To to {@code email.reply-to}. */
    SendResult sendEmail(EmailMessage message);

    /** Queues an email on the notifier's bounded async pool. */
    CompletableFuture<SendResult> sendEmailAsync(EmailMessage message);

    /** Sends an SMS with the provider of {@code sms.delivery-method}. */
    SendResult sendSms(SmsMessage message);

    /** Queues an SMS on the notifier's bounded async pool. */
    CompletableFuture<SendResult> sendSmsAsync(SmsMessage message);

    /**
     * Makes exactly one delivery attempt and leaves what follows a failure to the caller: for a durable outbox,
     * which keeps the message across restarts and schedules every attempt itself. Settings are resolved now, as
     * for {@link #sendEmail}; give the message its Message-ID so that every attempt carries the same one. Nothing
     * is retried in this call, and nothing throws for a failed attempt: the outcome says what happened.
     *
     * <p>Listeners see {@code ATTEMPT_STARTED} (unless the settings stop the attempt first), then
     * {@code DELIVERED} once the plan's {@link AttemptPlan#recordDelivered()} recorded the outcome; or {@code ATTEMPT_FAILED} with {@link SendEvent#nextAttemptAt()} from the plan; or, when
     * the plan gives no next attempt, {@code ATTEMPT_FAILED} and {@code GAVE_UP}. A disabled channel reports
     * {@code REJECTED} and ends with {@link SendStatus#CHANNEL_DISABLED}.
     *
     * @throws SendRejectedException when the notifier is closed
     */
    AttemptOutcome attempt(Message message, AttemptPlan plan);

    /**
     * Makes exactly one delivery attempt for each message, as {@link #attempt(Message, AttemptPlan)} does for one, and
     * lets the providers carry them together: the emails go to their sender at once
     * ({@link dev.notify.spi.EmailSender#sendQueued(List)}: one pipelined exchange on one SMTP connection, Graph's
     * JSON batches), so that a durable outbox that claimed a batch sends it in a few round trips. Each attempt follows
     * its own plan and has its own outcome, with one difference: what the servers accepted is recorded for the batch.
     * The plans' {@link AttemptPlan#recordDelivered()} are not called; once every attempt has its outcome,
     * {@code recordDelivered} gets the accepted attempts (each with its result, in the order given) and returns
     * whether they are durable; listeners see {@code DELIVERED} for them only when it returned true. It is not called
     * when nothing was accepted.
     *
     * <p>An attempt that could not start because the notifier was closed meanwhile ends {@link AttemptOutcome.Failed}
     * with a {@link SendRejectedException}: nothing was sent for it. The default makes the attempts one after
     * another, recording each accepted one on its own.
     *
     * @param recordDelivered makes the accepted attempts' outcomes durable; returns false when it could not. It runs
     *                        on the calling thread and must not throw.
     * @return the outcomes, in the order of {@code attempts}
     * @throws SendRejectedException when the notifier is closed before the first attempt
     */
    default List<AttemptOutcome> attempt(List<PlannedAttempt> attempts,
            Predicate<List<PlannedAttempt.Accepted>> recordDelivered) {
        List<AttemptOutcome> outcomes = new ArrayList<>(attempts.size());
        for (PlannedAttempt planned : attempts) {
            AttemptPlan plan = planned.plan();
            AttemptPlan recordingAlone = new AttemptPlan(plan.number(), plan.since(), plan.retryAt(),
                    result -> recordDelivered.test(List.of(new PlannedAttempt.Accepted(planned, result))));
            try {
                outcomes.add(attempt(planned.message(), recordingAlone));
            } catch (SendRejectedException e) {
                if (outcomes.isEmpty()) {
                    throw e;
                }
                outcomes.add(new AttemptOutcome.Failed(e));
            }
        }
        return outcomes;
    }

    /**
     * The "Test Email" button: sends a short message to {@code to} that names the server and the effective
     * delivery method, through the normal send path.
     */
    SendResult sendTestEmail(String to);

    /**
     * Checks the email delivery without sending: settings first, then the provider's probe (SMTP: connect,
     * STARTTLS, AUTH; Graph: token and role). The same as {@code check(Channel.EMAIL)}.
     *
     * @throws SettingsException when the settings are invalid, listing every problem
     */
    CheckReport check();

    /**
     * Checks a channel's delivery without sending: settings first, then its provider's probe. A disabled channel
     * gives a failed report that says so.
     *
     * @throws SettingsException when the settings are invalid, listing every problem
     */
    CheckReport check(Channel channel);

    /** Whether the channel is enabled, configured and valid for this server now; reads settings only. */
    ChannelStatus status(Channel channel);

    /**
     * Renders a template with this server's settings now, without sending: every part the template has (subject,
     * text, HTML, SMS), each with the setting it came from and its layer, for previews.
     *
     * @throws InvalidMessageException naming the template when no locale of the message has it, or naming the
     *     template's key and the variable when a variable is missing or has a type templates may not read
     * @throws SettingsException naming the key when a template does not compile with the notifier's engine
     * @throws UnsupportedOperationException from an implementation that predates templates; notify's own always
     *     renders
     */
    default RenderedTemplate render(TemplateMessage message) {
        throw new UnsupportedOperationException(getClass().getName() + " does not render templates");
    }

    /**
     * Renders the email parts of a template with this server's settings now and sends them as
     * {@link #sendEmail(EmailMessage)} does: the subject and text are required, the HTML body is sent when the
     * template has one.
     *
     * @throws InvalidMessageException as {@link #render} does, or when the template has no subject or text
     */
    default SendResult sendEmail(TemplateMessage message) {
        return sendEmail(dev.notify.internal.TemplateRenderer.email(render(message)));
    }

    /** {@link #sendEmail(TemplateMessage)}, queued on the notifier's bounded async pool after rendering now. */
    default CompletableFuture<SendResult> sendEmailAsync(TemplateMessage message) {
        return sendEmailAsync(dev.notify.internal.TemplateRenderer.email(render(message)));
    }

    /**
     * Renders a template's SMS text with this server's settings now and sends it to the message's one recipient
     * as {@link #sendSms(SmsMessage)} does.
     *
     * @throws InvalidMessageException as {@link #render} does, or when the template has no SMS text
     */
    default SendResult sendSms(TemplateMessage message) {
        return sendSms(dev.notify.internal.TemplateRenderer.sms(render(message)));
    }
}
