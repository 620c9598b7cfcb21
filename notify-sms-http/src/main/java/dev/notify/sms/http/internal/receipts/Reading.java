package dev.notify.sms.http.internal.receipts;

import dev.notify.DeliveryReceipt;
import java.util.List;
import java.util.Objects;

/** What came of reading one callback: receipts to apply, or a refusal. Immutable. */
public sealed interface Reading {

    /**
     * Verified: the receipts it carries (none when it reports nothing notify tracks).
     *
     * @param receipts the receipts, in the order sent
     * @param replayKey what identifies this exact signed callback, to recognise it when it comes again
     */
    record Verified(List<DeliveryReceipt> receipts, String replayKey) implements Reading {
        public Verified {
            receipts = List.copyOf(receipts);
            Objects.requireNonNull(replayKey, "replayKey");
        }
    }

    /**
     * Not verified: a missing or wrong signature, a stale timestamp, or settings that cannot verify it.
     *
     * @param why what was wrong, naming setting keys where they are the cause; never a secret or a value sent
     */
    record Refused(String why) implements Reading {
    }
}
