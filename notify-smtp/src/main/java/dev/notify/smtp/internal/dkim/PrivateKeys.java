package dev.notify.smtp.internal.dkim;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a DKIM private key from PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}). Every message says what is
 * wrong with the text without quoting any of it, so a key can never reach a log through an error.
 */
public final class PrivateKeys {

    /** Below this RSA size a key is refused (RFC 8301 section 3.2). */
    public static final int MIN_RSA_BITS = 1024;
    /** Below this RSA size a key works but is weak; RFC 8301 recommends at least 2048 bits. */
    public static final int RECOMMENDED_RSA_BITS = 2048;

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

    private PrivateKeys() {
    }

    /** A key that cannot be used; the message names no key material. */
    public static final class KeyException extends Exception {
        private static final long serialVersionUID = 1L;

        KeyException(String message) {
            super(message);
        }
    }

    /**
     * The private key for {@code algorithm}.
     *
     * @throws KeyException when the text is not one unencrypted PKCS#8 PEM key, the key is not for the algorithm,
     *     or an RSA key is shorter than {@link #MIN_RSA_BITS}
     */
    public static PrivateKey read(String pem, SigningAlgorithm algorithm) throws KeyException {
        Matcher m = BLOCK.matcher(pem);
        if (!m.find()) {
            throw new KeyException("is not a PEM private key (expected -----BEGIN PRIVATE KEY----- ... "
                    + "-----END PRIVATE KEY-----, PKCS#8)");
        }
        String type = m.group(1);
        String base64 = m.group(2);
        switch (type) {
            case "PRIVATE KEY" -> { }
            case "RSA PRIVATE KEY" -> throw new KeyException("is a PKCS#1 RSA key; convert it to PKCS#8 with "
                    + "'openssl pkcs8 -topk8 -nocrypt -in old.pem -out new.pem'");
            case "ENCRYPTED PRIVATE KEY" -> throw new KeyException("is encrypted; notify reads unencrypted PKCS#8 "
                    + "keys: keep the file readable by the application only");
            default -> throw new KeyException("holds a PEM block of type '" + type + "', not PRIVATE KEY (PKCS#8)");
        }
        if (m.find()) {
            throw new KeyException("holds more than one PEM block; give one private key");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(base64.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new KeyException("is not valid base64 between the PEM lines");
        }
        try {
            PrivateKey key = decode(der);
            if (!algorithm.fits(key)) {
                throw new KeyException("is " + describe(key) + " but the algorithm is " + algorithm.id()
                        + "; give " + (algorithm == SigningAlgorithm.RSA_SHA256 ? "an RSA" : "an Ed25519") + " key");
            }
            if (key instanceof RSAKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                throw new KeyException("is an RSA key of " + rsa.getModulus().bitLength() + " bits; DKIM needs at "
                        + "least " + MIN_RSA_BITS + " (RFC 8301), and " + RECOMMENDED_RSA_BITS + " is recommended");
            }
            return key;
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    /** {@code an RSA key of 2048 bits}, {@code an Ed25519 key}. */
    public static String describe(Key key) {
        if (key instanceof RSAKey rsa) {
            return "an RSA key of " + rsa.getModulus().bitLength() + " bits";
        }
        if (SigningAlgorithm.ED25519_SHA256.fits(key)) {
            return "an Ed25519 key";
        }
        return "a " + key.getAlgorithm() + " key";
    }

    private static PrivateKey decode(byte[] der) throws KeyException {
        for (String algorithm : new String[] {"RSA", "Ed25519", "EC", "Ed448"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException | RuntimeException e) {
                // not this algorithm; try the next
            }
        }
        throw new KeyException("is not a PKCS#8 RSA or Ed25519 private key the JDK can read");
    }
}
