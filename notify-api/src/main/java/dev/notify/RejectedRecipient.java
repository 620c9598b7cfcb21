package dev.notify;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A recipient the server did not accept, with the server's reason.
 *
 * @param address   the recipient's address as sent
 * @param replyCode the server's reply code (SMTP 550, HTTP 400...), or 0 when there was none
 * @param reason    the server's reply text or a description; never a secret
 * @param transientFailure whether the refusal was temporary (SMTP 4xx): a later attempt may succeed
 */
public record RejectedRecipient(String address, int replyCode, String reason, boolean transientFailure) {

    public RejectedRecipient {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(reason, "reason");
    }

    /** The reply code, when the server gave one. */
    public OptionalInt code() {
        return replyCode == 0 ? OptionalInt.empty() : OptionalInt.of(replyCode);
    }

    @Override
    public String toString() {
        return address + " (" + (replyCode == 0 ? "" : replyCode + " ") + reason + ")";
    }
}
