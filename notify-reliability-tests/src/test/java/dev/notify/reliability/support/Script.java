package dev.notify.reliability.support;

/**
 * The replies of a {@link FaultySmtpServer}, decided per connection and transaction. Every method has the
 * well-behaved default; a test overrides the step it wants to break. Methods are called from the server's session
 * threads, so implementations that count must be threadsafe.
 */
public interface Script {

    /** The greeting of connection number {@code connection} (1 for the first). */
    default Step greeting(int connection) {
        return Step.reply("220 faulty.test ESMTP ready");
    }

    /** The reply to MAIL FROM of transaction number {@code transaction} (1 for the first, over all connections). */
    default Step mail(int transaction, String from) {
        return Step.reply("250 2.1.0 Ok");
    }

    /**
     * The reply to RCPT TO.
     *
     * @param timesSeen how many RCPT TO for this address the server has had so far, this one included
     */
    default Step rcpt(int transaction, String address, int timesSeen) {
        return Step.reply("250 2.1.5 Ok");
    }

    /** The reply to DATA. */
    default Step data(int transaction) {
        return Step.reply("354 End data with <CR><LF>.<CR><LF>");
    }

    /** The reply after the final "." of the content. */
    default Step endOfData(int transaction) {
        return Step.reply("250 2.0.0 Ok: queued");
    }

    /** A script with every default: a server that accepts everything. */
    static Script wellBehaved() {
        return new Script() {
        };
    }
}
