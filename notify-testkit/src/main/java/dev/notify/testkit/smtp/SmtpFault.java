package dev.notify.testkit.smtp;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Something an {@link SmtpServerExtension} does instead of its normal reply at one point of the SMTP
 * conversation: another reply code and text, a delay before the reply, or a dropped connection. Pick the point,
 * then what happens there:
 *
 * <pre>{@code
 * SmtpServerExtension.plain()
 *         .withFault(SmtpFault.rcpt("bob@example.com").reply(550, "5.1.1 no such user"))
 *         .withFault(SmtpFault.greeting().reply(421, "4.3.2 try again later").times(1))
 *         .withFault(SmtpFault.endOfData().dropConnection())
 *         .withFault(SmtpFault.recipientLimit(100));
 * }</pre>
 *
 * <p>A fault applies to every matching command unless limited with {@link #times(int)}; the count is kept by
 * the server and starts over for each test. When several faults match a command, the first one given to the
 * extension applies. After a {@code 421} reply the server closes the connection, as real servers do; after any
 * other refused greeting it answers {@code 503} to everything but {@code QUIT}.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class SmtpFault {

    /** The points of the conversation a fault can take the place of. */
    enum Point {
        GREETING, EHLO, MAIL, RCPT, DATA, END_OF_DATA
    }

    private final Point point;
    private final Set<String> recipients;
    private final int recipientLimit;
    private final int code;
    private final String text;
    private final Duration delay;
    private final boolean drop;
    private final int times;

    private SmtpFault(Point point, Set<String> recipients, int recipientLimit, int code, String text,
            Duration delay, boolean drop, int times) {
        this.point = point;
        this.recipients = recipients;
        this.recipientLimit = recipientLimit;
        this.code = code;
        this.text = text;
        this.delay = delay;
        this.drop = drop;
        this.times = times;
    }

    /** At the greeting the server sends when a client connects. */
    public static Trigger greeting() {
        return new Trigger(Point.GREETING, Set.of());
    }

    /** At {@code EHLO} (and {@code HELO}). */
    public static Trigger ehlo() {
        return new Trigger(Point.EHLO, Set.of());
    }

    /** At {@code MAIL FROM}. */
    public static Trigger mail() {
        return new Trigger(Point.MAIL, Set.of());
    }

    /**
     * At {@code RCPT TO} for these recipients (compared ignoring case); the others get the normal reply.
     *
     * @throws IllegalArgumentException when no recipient is given or one is blank
     */
    public static Trigger rcpt(String... recipients) {
        Objects.requireNonNull(recipients, "recipients");
        if (recipients.length == 0) {
            throw new IllegalArgumentException("recipients must name at least one address; use anyRcpt() for all");
        }
        Set<String> set = new LinkedHashSet<>();
        for (String r : recipients) {
            if (r == null || r.isBlank()) {
                throw new IllegalArgumentException("recipients must not be blank, was " + Arrays.toString(recipients));
            }
            set.add(r.strip().toLowerCase(Locale.ROOT));
        }
        return new Trigger(Point.RCPT, Set.copyOf(set));
    }

    /** At every {@code RCPT TO}. */
    public static Trigger anyRcpt() {
        return new Trigger(Point.RCPT, Set.of());
    }

    /** At the {@code DATA} command, before the message content: the fault takes the place of {@code 354}. */
    public static Trigger data() {
        return new Trigger(Point.DATA, Set.of());
    }

    /** After the message content and its final dot: the fault takes the place of {@code 250}; nothing is recorded. */
    public static Trigger endOfData() {
        return new Trigger(Point.END_OF_DATA, Set.of());
    }

    /**
     * A server that accepts {@code perTransaction} recipients in each mail transaction and answers
     * {@code 452 4.5.3 Too many recipients} to every further {@code RCPT TO} of that transaction, as RFC 5321
     * 4.5.3.1.10 describes.
     *
     * @throws IllegalArgumentException when {@code perTransaction} is less than 1
     */
    public static SmtpFault recipientLimit(int perTransaction) {
        if (perTransaction < 1) {
            throw new IllegalArgumentException("perTransaction must be at least 1, was " + perTransaction);
        }
        return new SmtpFault(Point.RCPT, Set.of(), perTransaction, 452, "4.5.3 Too many recipients", Duration.ZERO,
                false, Integer.MAX_VALUE);
    }

    /**
     * The same fault for the first {@code count} matching commands only; later ones get the normal reply.
     *
     * @throws IllegalArgumentException when {@code count} is less than 1
     */
    public SmtpFault times(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        return new SmtpFault(point, recipients, recipientLimit, code, text, delay, drop, count);
    }

    /**
     * The same fault, after waiting {@code delay} (before the reply, or before dropping the connection).
     *
     * @throws IllegalArgumentException when {@code delay} is null or negative
     */
    public SmtpFault withDelay(Duration delay) {
        return new SmtpFault(point, recipients, recipientLimit, code, text, requireDelay(delay), drop, times);
    }

    Point point() {
        return point;
    }

    /** Whether the fault applies to a {@code RCPT TO} of this address after {@code accepted} accepted ones. */
    boolean matchesRecipient(String address, int accepted) {
        if (recipientLimit > 0) {
            return accepted >= recipientLimit;
        }
        return recipients.isEmpty() || recipients.contains(address.toLowerCase(Locale.ROOT));
    }

    /** The reply code, or 0 for the server's normal reply. */
    int code() {
        return code;
    }

    String text() {
        return text;
    }

    Duration delay() {
        return delay;
    }

    boolean dropsConnection() {
        return drop;
    }

    int timesAllowed() {
        return times;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("SmtpFault[");
        s.append(point.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        if (recipientLimit > 0) {
            s.append(" after ").append(recipientLimit).append(" recipients");
        } else if (!recipients.isEmpty()) {
            s.append(' ').append(recipients);
        }
        if (!delay.isZero()) {
            s.append(", after ").append(delay.toMillis()).append(" ms");
        }
        s.append(drop ? ", drop connection" : code == 0 ? ", normal reply" : ", " + code + " " + text);
        if (times != Integer.MAX_VALUE) {
            s.append(", ").append(times).append(times == 1 ? " time" : " times");
        }
        return s.append(']').toString();
    }

    private static Duration requireDelay(Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be null or negative, was " + delay);
        }
        return delay;
    }

    /**
     * A point of the conversation, waiting to be told what the server does there.
     *
     * <p>This class is immutable and threadsafe.
     */
    public static final class Trigger {

        private final Point point;
        private final Set<String> recipients;

        private Trigger(Point point, Set<String> recipients) {
            this.point = point;
            this.recipients = recipients;
        }

        /**
         * Replies {@code code} and {@code text} instead of the normal reply; a text of several lines (separated by
         * {@code \n}) becomes a multi-line reply.
         *
         * @throws IllegalArgumentException when {@code code} is not 200-599 or {@code text} is null or holds a
         *     carriage return
         */
        public SmtpFault reply(int code, String text) {
            if (code < 200 || code > 599) {
                throw new IllegalArgumentException("code must be 200-599, was " + code);
            }
            if (text == null || text.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("text must not be null or hold a carriage return, was " + text);
            }
            return new SmtpFault(point, recipients, 0, code, text, Duration.ZERO, false, Integer.MAX_VALUE);
        }

        /**
         * Gives the normal reply, after waiting {@code delay}.
         *
         * @throws IllegalArgumentException when {@code delay} is null or negative
         */
        public SmtpFault delay(Duration delay) {
            return new SmtpFault(point, recipients, 0, 0, null, requireDelay(delay), false, Integer.MAX_VALUE);
        }

        /** Closes the connection without replying (at the greeting: right after accepting it). */
        public SmtpFault dropConnection() {
            return new SmtpFault(point, recipients, 0, 0, null, Duration.ZERO, true, Integer.MAX_VALUE);
        }

        @Override
        public String toString() {
            return "SmtpFault.Trigger[" + point.name().toLowerCase(Locale.ROOT).replace('_', '-')
                    + (recipients.isEmpty() ? "" : " " + recipients) + "]";
        }
    }
}
