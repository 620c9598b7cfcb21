package dev.notify.smtp.internal.dkim;

import java.net.IDN;
import java.security.PrivateKey;
import java.util.Locale;
import java.util.Objects;

/**
 * Who signs: the signing domain ({@code d=}), the selector ({@code s=}) under which its public key is published
 * at {@code <selector>._domainkey.<domain>}, the algorithm and the private key. {@link #toString()} never shows
 * the key.
 *
 * @param domain    the signing domain, in ASCII (punycode) and lower case
 * @param selector  the selector, in ASCII and lower case
 * @param algorithm the algorithm the key is for
 * @param key       the private key; it must fit the algorithm
 */
public record SigningKey(String domain, String selector, SigningAlgorithm algorithm, PrivateKey key) {

    public SigningKey {
        domain = IDN.toASCII(Objects.requireNonNull(domain, "domain")).toLowerCase(Locale.ROOT);
        selector = IDN.toASCII(Objects.requireNonNull(selector, "selector")).toLowerCase(Locale.ROOT);
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(key, "key");
        if (!algorithm.fits(key)) {
            throw new IllegalArgumentException("a " + key.getAlgorithm() + " key does not sign " + algorithm.id());
        }
    }

    /** Whether mail from {@code fromDomain} may carry this signature: it is the signing domain or below it. */
    public boolean covers(String fromDomain) {
        return covers(domain, fromDomain);
    }

    /** Whether {@code fromDomain} is {@code signingDomain} or below it, compared in ASCII ignoring case. */
    public static boolean covers(String signingDomain, String fromDomain) {
        String signing = IDN.toASCII(signingDomain).toLowerCase(Locale.ROOT);
        String from = IDN.toASCII(fromDomain).toLowerCase(Locale.ROOT);
        return from.equals(signing) || from.endsWith("." + signing);
    }

    /** Where the public key is published: {@code <selector>._domainkey.<domain>}. */
    public String recordName() {
        return selector + "._domainkey." + domain;
    }

    @Override
    public String toString() {
        return "SigningKey[" + algorithm.id() + ", d=" + domain + ", s=" + selector + "]";
    }
}
