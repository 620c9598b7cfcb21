package dev.notify.smtp;

import java.util.Locale;

/** Which DKIM signatures each message gets; the value of {@code email.smtp.dkim.algorithm}. */
public enum DkimAlgorithm {
    /** One RSA-SHA256 signature (RFC 6376), which every receiver verifies; the default. */
    RSA_SHA256,
    /** One Ed25519-SHA256 signature (RFC 8463); receivers that do not know Ed25519 treat the mail as unsigned. */
    ED25519_SHA256,
    /** Both signatures, each with its own selector and key: Ed25519 where understood, RSA everywhere. */
    BOTH;

    /** The value as written in settings: {@code rsa-sha256}, {@code ed25519-sha256} or {@code both}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether messages get an RSA signature. */
    public boolean signsRsa() {
        return this != ED25519_SHA256;
    }

    /** Whether messages get an Ed25519 signature. */
    public boolean signsEd25519() {
        return this != RSA_SHA256;
    }
}
