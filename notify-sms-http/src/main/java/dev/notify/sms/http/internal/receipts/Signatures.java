package dev.notify.sms.http.internal.receipts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The JDK's digests and HMACs, and a comparison that takes the same time wherever two values differ. */
final class Signatures {

    private Signatures() {
    }

    /** HMAC of {@code data} under {@code key}; {@code algorithm} is a JCA name such as {@code HmacSHA1}. */
    static byte[] hmac(String algorithm, byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }

    static byte[] hmac(String algorithm, String key, String data) {
        return hmac(algorithm, key.getBytes(StandardCharsets.UTF_8), data.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** Whether two texts are equal, in a time that does not depend on where they differ. */
    static boolean same(String expected, String given) {
        if (given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** {@link #same} for hexadecimal digests, in any letter case. */
    static boolean sameHex(String expected, String given) {
        return given != null && same(expected.toLowerCase(Locale.ROOT), given.toLowerCase(Locale.ROOT));
    }
}
