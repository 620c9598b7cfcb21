package dev.notify.testkit.smtp;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Something an {@link SmtpServerExtension} does instead of its normal reply at one point of the SMTP
 * conversation: another reply code and text, a delay before the reply, or a dropped connection; or how it writes
 * its replies. Pick the point, then what happens there:
 *
 * <pre>{@code
 * SmtpServerExtension.plain()
 *         .withFault(SmtpFault.rcpt("bob@example.com").reply(550, "5.1.1 no such user"))
 *         .withFault(SmtpFault.greeting().reply(421, "4.3.2 try again later").times(1))
 *         .withFault(SmtpFault.endOfData().dropConnection())
 *         .withFault(SmtpFault.recipientLimit(100));
 * SmtpServerExtension.plain().withPipelining()
 *         .withFault(SmtpFault.nthRcpt(2).dropConnection())
 *         .withFault(SmtpFault.repliesInPieces(Duration.ofMillis(5)));
 * }</pre>
 *
 * <p>A fault applies to every matching command (or write) unless limited with {@link #times(int)}; the count is
 * kept by the server and starts over for each test. When several faults match a command, the first one given to
 * the extension applies. After a {@code 421} reply the server closes the connection, as real servers do; after any
 * other refused greeting it answers {@code 503} to everything but {@code QUIT}.
 *
 * <p>With {@link SmtpServerExtension#withPipelining()} the server holds its replies until it has answered every
 * complete command the client sent; a fault at one command of such a group applies to that command, and the
 * replies to the others stay as they are and in order. A reply code that makes no sense for its command is
 * allowed on purpose (for example {@code anyRcpt().reply(354, ...)}): the server itself goes on as after a refusal,
 * so a test observes whether the client notices.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class SmtpFault {

    /** The points of the conversation a fault can take the place of, and the server's writes of replies. */
    enum Point {
        GREETING, EHLO, AUTH, MAIL, RCPT, DATA, CHUNK, END_OF_DATA, WRITE, HOLD
    }

    private final Match match;
    private final int code;
    private final String text;
    private final Duration delay;
    private final boolean drop;
    private final boolean pieces;
    private final int times;

    private SmtpFault(Match match, int code, String text, Duration delay, boolean drop, boolean pieces,
            int times) {
        this.match = match;
        this.code = code;
        this.text = text;
        this.delay = delay;
        this.drop = drop;
        this.pieces = pieces;
        this.times = times;
    }

    /** At the greeting the server sends when a client connects. */
    public static Trigger greeting() {
        return new Trigger(Match.at(Point.GREETING));
    }

    /** At {@code EHLO} (and {@code HELO}). */
    public static Trigger ehlo() {
        return new Trigger(Match.at(Point.EHLO));
    }

    /**
     * At the end of {@code AUTH}, after the client's credentials were read: a {@code 535} here refuses credentials
     * the server would have accepted, such as the first XOAUTH2 token of a token that must be renewed.
     */
    public static Trigger auth() {
        return new Trigger(Match.at(Point.AUTH));
    }

    /** At {@code MAIL FROM}. */
    public static Trigger mail() {
        return new Trigger(Match.at(Point.MAIL));
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
        return new Trigger(new Match(Point.RCPT, Set.copyOf(set), 0, 0));
    }

    /** At every {@code RCPT TO}. */
    public static Trigger anyRcpt() {
        return new Trigger(Match.at(Point.RCPT));
    }

    /**
     * At the {@code number}-th {@code RCPT TO} of each mail transaction (1 for the first), whether the ones before
     * it were accepted or not. With pipelining, {@code nthRcpt(2).dropConnection()} hangs up in the middle of a
     * group, and {@code nthRcpt(2).reply(421, ...)} answers the commands before it and then hangs up.
     *
     * @throws IllegalArgumentException when {@code number} is less than 1
     */
    public static Trigger nthRcpt(int number) {
        if (number < 1) {
            throw new IllegalArgumentException("number must be at least 1, was " + number);
        }
        return new Trigger(new Match(Point.RCPT, Set.of(), 0, number));
    }

    /**
     * At the {@code DATA} command, before the message content: the fault takes the place of {@code 354}. With
     * {@link SmtpServerExtension#withChunking()} it also applies to the first {@code BDAT} chunk of a message, after
     * its octets: a refusal takes the place of the chunk's reply and ends the transaction, a dropped connection
     * drops it; a {@code 354} reply changes nothing.
     */
    public static Trigger data() {
        return new Trigger(Match.at(Point.DATA));
    }

    /**
     * At each {@code BDAT} chunk but the last (with {@link SmtpServerExtension#withChunking()}), after its octets:
     * the fault takes the place of its {@code 250}. A reply other than {@code 2xx} ends the transaction, so the
     * further chunks of it that the client already sent are read and answered {@code 503}. The last chunk is
     * {@link #endOfData()}'s.
     */
    public static Trigger chunk() {
        return new Trigger(Match.at(Point.CHUNK));
    }

    /**
     * After the message content and its final dot, or the octets of {@code BDAT ... LAST}: the fault takes the place
     * of {@code 250}; nothing is recorded.
     */
    public static Trigger endOfData() {
        return new Trigger(Match.at(Point.END_OF_DATA));
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
        return new SmtpFault(new Match(Point.RCPT, Set.of(), perTransaction, 0), 452, "4.5.3 Too many recipients",
                Duration.ZERO, false, false, Integer.MAX_VALUE);
    }

    /**
     * A server that answers slowly: it waits {@code delay} before each write of replies, the greeting's included
     * (with pipelining, one write holds the replies to a whole group). A test observes a client that waits for
     * replies instead of giving up early or reading ahead; it should not assert how long anything took.
     *
     * @throws IllegalArgumentException when {@code delay} is null or negative
     */
    public static SmtpFault slowReplies(Duration delay) {
        return new SmtpFault(Match.at(Point.WRITE), 0, null, requireDelay(delay), false, false, Integer.MAX_VALUE);
    }

    /**
     * A server whose replies arrive in pieces: each write of replies, the greeting's included, is cut in the middle
     * of every reply line, and the pieces are written one at a time, waiting {@code pause} before each. A test
     * observes a client that reads a reply line in several reads, and in one read the end of one reply with the
     * start of the next.
     *
     * @throws IllegalArgumentException when {@code pause} is null or negative
     */
    public static SmtpFault repliesInPieces(Duration pause) {
        return new SmtpFault(Match.at(Point.WRITE), 0, null, requireDelay(pause), false, true, Integer.MAX_VALUE);
    }

    /**
     * A server that writes the replies to several groups of commands together: when it owes replies and the client
     * has sent no further command, it waits up to {@code window} for one; if one comes, it answers the commands that
     * came and writes all the replies in one write (the next replies after that are written as usual, then the
     * server holds again). A test observes a client that sent ahead (pipelined {@code BDAT} chunks, or {@code RSET}
     * and the next transaction) reading the replies to several groups in one read, and a client that waits for
     * each reply getting it only after {@code window}.
     *
     * @throws IllegalArgumentException when {@code window} is null, zero or negative
     */
    public static SmtpFault coalescedReplies(Duration window) {
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
        return new SmtpFault(Match.at(Point.HOLD), 0, null, window, false, false, Integer.MAX_VALUE);
    }

    /**
     * The same fault for the first {@code count} matching commands (or writes) only; later ones are as normal.
     *
     * @throws IllegalArgumentException when {@code count} is less than 1
     */
    public SmtpFault times(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        return new SmtpFault(match, code, text, delay, drop, pieces, count);
    }

    /**
     * The same fault, after waiting {@code delay} (before the reply, or before dropping the connection); for
     * {@link #slowReplies}, {@link #repliesInPieces} and {@link #coalescedReplies}, the duration given there.
     *
     * @throws IllegalArgumentException when {@code delay} is null or negative (or zero for coalescedReplies)
     */
    public SmtpFault withDelay(Duration delay) {
        if (match.point() == Point.HOLD) {
            return coalescedReplies(delay).times(times);
        }
        return new SmtpFault(match, code, text, requireDelay(delay), drop, pieces, times);
    }

    Point point() {
        return match.point();
    }

    /**
     * Whether the fault applies to a {@code RCPT TO} of this address, the {@code number}-th of its transaction,
     * after {@code accepted} accepted ones.
     */
    boolean matchesRecipient(String address, int accepted, int number) {
        return match.matchesRecipient(address, accepted, number);
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

    /** Whether each write of replies is cut into pieces. */
    boolean inPieces() {
        return pieces;
    }

    int timesAllowed() {
        return times;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("SmtpFault[");
        long millis = delay.toMillis();
        switch (match.point()) {
            case WRITE -> s.append(pieces ? "replies in pieces, " + millis + " ms before each piece"
                    : "slow replies, " + millis + " ms before each write");
            case HOLD -> s.append("coalesced replies, held up to ").append(millis).append(" ms");
            default -> {
                s.append(match);
                if (!delay.isZero()) {
                    s.append(", after ").append(millis).append(" ms");
                }
                s.append(drop ? ", drop connection" : code == 0 ? ", normal reply" : ", " + code + " " + text);
            }
        }
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
     * Where a fault applies: a point, and for {@code RCPT TO} which ones (by address, beyond a number of accepted
     * recipients, or by number in the transaction; all when none is given).
     */
    private record Match(Point point, Set<String> recipients, int recipientLimit, int rcptNumber) {

        static Match at(Point point) {
            return new Match(point, Set.of(), 0, 0);
        }

        boolean matchesRecipient(String address, int accepted, int number) {
            if (recipientLimit > 0) {
                return accepted >= recipientLimit;
            }
            if (rcptNumber > 0) {
                return number == rcptNumber;
            }
            return recipients.isEmpty() || recipients.contains(address.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            String name = point.name().toLowerCase(Locale.ROOT).replace('_', '-');
            if (recipientLimit > 0) {
                return name + " after " + recipientLimit + " recipients";
            }
            if (rcptNumber > 0) {
                return name + " #" + rcptNumber;
            }
            return recipients.isEmpty() ? name : name + " " + recipients;
        }
    }

    /**
     * A point of the conversation, waiting to be told what the server does there.
     *
     * <p>This class is immutable and threadsafe.
     */
    public static final class Trigger {

        private final Match match;

        private Trigger(Match match) {
            this.match = match;
        }

        /**
         * Replies {@code code} and {@code text} instead of the normal reply; a text of several lines (separated by
         * {@code \n}) becomes a multi-line reply. Any code from 200 to 599 is allowed, one that makes no sense for
         * the command too (a {@code 354} to {@code RCPT TO}): the server then goes on as after a refusal.
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
            return new SmtpFault(match, code, text, Duration.ZERO, false, false, Integer.MAX_VALUE);
        }

        /**
         * Gives the normal reply, after waiting {@code delay}.
         *
         * @throws IllegalArgumentException when {@code delay} is null or negative
         */
        public SmtpFault delay(Duration delay) {
            return new SmtpFault(match, 0, null, requireDelay(delay), false, false, Integer.MAX_VALUE);
        }

        /**
         * Closes the connection without replying (at the greeting: right after accepting it). With pipelining, the
         * replies the server held for the earlier commands of the group are lost with it, as when a server dies; a
         * {@code 421} {@link #reply(int, String)} writes them first.
         */
        public SmtpFault dropConnection() {
            return new SmtpFault(match, 0, null, Duration.ZERO, true, false, Integer.MAX_VALUE);
        }

        @Override
        public String toString() {
            return "SmtpFault.Trigger[" + match + "]";
        }
    }
}
