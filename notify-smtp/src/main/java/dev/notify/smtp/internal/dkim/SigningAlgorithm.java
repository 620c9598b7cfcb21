package dev.notify.smtp.internal.dkim;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;

/**
 * A DKIM signing algorithm, as written in the {@code a=} tag, and how it signs the header hash input with the
 * JDK's providers. Ed25519 signs the SHA-256 digest of the input (RFC 8463 section 3), RSA the input itself with
 * SHA-256 and PKCS#1 v1.5 (RFC 6376 section 3.3.1).
 */
public enum SigningAlgorithm {
    RSA_SHA256("rsa-sha256", "rsa", "RSA") {
        @Override
        byte[] sign(PrivateKey key, byte[] input) throws GeneralSecurityException {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(input);
            return rsa.sign();
        }

        @Override
        boolean verify(PublicKey key, byte[] input, byte[] signature) throws GeneralSecurityException {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update(input);
            return rsa.verify(signature);
        }

        @Override
        boolean fits(Key key) {
            return key instanceof RSAKey;
        }
    },
    ED25519_SHA256("ed25519-sha256", "ed25519", "Ed25519") {
        @Override
        byte[] sign(PrivateKey key, byte[] input) throws GeneralSecurityException {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(key);
            ed25519.update(sha256(input));
            return ed25519.sign();
        }

        @Override
        boolean verify(PublicKey key, byte[] input, byte[] signature) throws GeneralSecurityException {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initVerify(key);
            ed25519.update(sha256(input));
            return ed25519.verify(signature);
        }

        @Override
        boolean fits(Key key) {
            return key instanceof EdECKey ed && "Ed25519".equalsIgnoreCase(ed.getParams().getName());
        }
    };

    private final String id;
    private final String keyType;
    private final String keyAlgorithm;

    SigningAlgorithm(String id, String keyType, String keyAlgorithm) {
        this.id = id;
        this.keyType = keyType;
        this.keyAlgorithm = keyAlgorithm;
    }

    /** The {@code a=} value, {@code rsa-sha256}. */
    public String id() {
        return id;
    }

    /** The key record's {@code k=} value, {@code rsa}. */
    public String keyType() {
        return keyType;
    }

    /** The JCA key algorithm, for {@link java.security.KeyFactory}. */
    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    /** The signature over the header hash input, the {@code b=} value before base64. */
    abstract byte[] sign(PrivateKey key, byte[] input) throws GeneralSecurityException;

    abstract boolean verify(PublicKey key, byte[] input, byte[] signature) throws GeneralSecurityException;

    /** Whether the key is one this algorithm signs with. */
    abstract boolean fits(Key key);

    static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
