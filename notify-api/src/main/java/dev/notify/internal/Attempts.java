package dev.notify.internal;

import dev.notify.AttemptOutcome;
import dev.notify.Channel;
import dev.notify.PlannedAttempt;
import dev.notify.message.EmailMessage;
import dev.notify.message.Message;
import dev.notify.spi.SendOutcome;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * Attempts for a caller that schedules them itself (a durable outbox): the outcomes of {@link Send}'s steps, and a
 * batch of attempts made together, where the emails for one sender go to it in one call
 * ({@link dev.notify.spi.EmailSender#sendQueued(List)}) and the accepted ones are recorded in one step before
 * listeners see them delivered.
 */
final class Attempts {

    private Attempts() {
    }

    /**
     * The attempts of a batch, each prepared as a single attempt is, the emails for one sender handed to it in one
     * call, then the accepted ones recorded together.
     */
    static List<AttemptOutcome> together(NotifierCore core, String server, List<PlannedAttempt> attempts,
            Predicate<List<PlannedAttempt.Accepted>> recordDelivered) {
        int count = attempts.size();
        Send[] sends = new Send[count];
        Send.Step[] steps = new Send.Step[count];
        for (int i = 0; i < count; i++) {
            PlannedAttempt planned = attempts.get(i);
            Message message = planned.message();
            sends[i] = new Send(core, server, message instanceof EmailMessage ? Channel.EMAIL : Channel.SMS, message,
                    planned.plan(), true);
            sends[i].recordedByCaller();
            steps[i] = sends[i].prepare();
        }
        for (int i = 0; i < count; i++) {
            if (steps[i] instanceof Send.Ready ready && !(sends[i].current() instanceof EmailMessage)) {
                steps[i] = sendAlone(sends[i], ready);
            }
        }
        for (int first = 0; first < count; first++) {
            if (steps[first] instanceof Send.Ready ready) {
                sendTogether(sends, steps, first, ready.lease());
            }
        }
        List<PlannedAttempt.Accepted> accepted = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (sends[i].awaitsRecording()) {
                accepted.add(new PlannedAttempt.Accepted(attempts.get(i), ((Send.Done) steps[i]).result()));
            }
        }
        if (!accepted.isEmpty() && recordDelivered.test(List.copyOf(accepted))) {
            for (int i = 0; i < count; i++) {
                if (sends[i].awaitsRecording()) {
                    sends[i].recorded(((Send.Done) steps[i]).result());
                }
            }
        }
        List<AttemptOutcome> outcomes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            outcomes.add(outcome(sends[i], steps[i]));
        }
        return outcomes;
    }

    private static Send.Step sendAlone(Send send, Send.Ready ready) {
        try (SenderRegistry.Lease lease = ready.lease()) {
            send.started();
            SendOutcome outcome;
            try {
                outcome = new SendOutcome.Delivered(lease.send(send.current(), true));
            } catch (RuntimeException e) {
                outcome = new SendOutcome.Failed(e);
            }
            return send.finish(ready, outcome);
        }
    }

    /** Sends the emails from {@code first} on whose lease is on the same sender as {@code lease}, in one call. */
    private static void sendTogether(Send[] sends, Send.Step[] steps, int first, SenderRegistry.Lease lease) {
        List<Integer> together = new ArrayList<>();
        List<EmailMessage> messages = new ArrayList<>();
        for (int i = first; i < steps.length; i++) {
            if (steps[i] instanceof Send.Ready ready && ready.lease().sameSender(lease)) {
                together.add(i);
                messages.add((EmailMessage) sends[i].current());
                sends[i].started();
            }
        }
        List<SendOutcome> sent;
        try {
            sent = lease.sendQueued(messages);
        } catch (RuntimeException e) {
            sent = Collections.nCopies(messages.size(), new SendOutcome.Failed(e));
        }
        for (int k = 0; k < together.size(); k++) {
            int i = together.get(k);
            Send.Ready ready = (Send.Ready) steps[i];
            try {
                steps[i] = sends[i].finish(ready, sent.get(k));
            } finally {
                ready.lease().close();
            }
        }
    }

    /** The outcome a caller of an attempt sees for the send's last step. */
    static AttemptOutcome outcome(Send send, Send.Step step) {
        if (step instanceof Send.Done done) {
            return new AttemptOutcome.Done(done.result());
        }
        if (step instanceof Send.Later later) {
            return new AttemptOutcome.Retry(later.failure(), later.at(), later.remaining(), send.accepted(),
                    send.rejected());
        }
        return new AttemptOutcome.Failed(((Send.Failed) step).exception());
    }
}
