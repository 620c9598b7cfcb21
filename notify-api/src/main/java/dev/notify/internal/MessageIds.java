package dev.notify.internal;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Message-IDs of the form {@code <32 random hex digits@sender-domain>}. */
public final class MessageIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private MessageIds() {
    }

    public static String generate(String domain) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "<" + HEX.formatHex(bytes) + "@" + domain + ">";
    }
}
