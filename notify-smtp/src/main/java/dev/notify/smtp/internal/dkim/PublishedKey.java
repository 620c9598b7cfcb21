package dev.notify.smtp.internal.dkim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether the key record a receiver would find for a {@link SigningKey} ({@code <selector>._domainkey.<domain>},
 * RFC 6376 section 3.6) holds its public key: a test signature made with the private key must verify with the
 * published one. DNS failures are an outcome, not an exception.
 */
public final class PublishedKey {

    /** DER prefix of an Ed25519 SubjectPublicKeyInfo; the record holds only the 32-byte key (RFC 8463). */
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final byte[] PROBE = "notify DKIM key check".getBytes(StandardCharsets.US_ASCII);

    /** What the lookup found. */
    public enum Status {
        /** The record holds the matching public key. */
        MATCHES,
        /** There is no key record. */
        MISSING,
        /** There is a record, but not with the matching key (another key, revoked, another type, unreadable). */
        DIFFERS,
        /** DNS could not be asked; nothing is known. */
        UNCHECKED
    }

    /** The status and a sentence for the check report. */
    public record Outcome(Status status, String description) {
    }

    private PublishedKey() {
    }

    public static Outcome check(SigningKey key, TxtResolver dns) {
        String name = key.recordName();
        List<String> records;
        try {
            records = dns.txt(name);
        } catch (IOException e) {
            return new Outcome(Status.UNCHECKED, "not checked: " + e.getMessage());
        } catch (RuntimeException e) {
            return new Outcome(Status.UNCHECKED, "not checked: DNS lookup of " + name + " failed: " + e);
        }
        List<Map<String, String>> keyRecords = records.stream().map(PublishedKey::tags)
                .filter(t -> t.containsKey("p")).toList();
        if (keyRecords.isEmpty()) {
            return new Outcome(Status.MISSING, "no DKIM key record at " + name + PublicKeys.of(key)
                    .map(k -> "; publish the TXT record \"" + record(key.algorithm(), k) + "\" there").orElse(""));
        }
        if (keyRecords.size() > 1) {
            return new Outcome(Status.DIFFERS, name + " has " + keyRecords.size() + " DKIM key records; receivers "
                    + "need exactly one");
        }
        return compare(key, keyRecords.get(0), name);
    }

    private static Outcome compare(SigningKey key, Map<String, String> record, String name) {
        String type = record.getOrDefault("k", "rsa").toLowerCase(Locale.ROOT);
        if (!type.equals(key.algorithm().keyType())) {
            return new Outcome(Status.DIFFERS, name + " publishes a k=" + type + " key, but " + key.algorithm().id()
                    + " needs k=" + key.algorithm().keyType());
        }
        String p = record.get("p").replaceAll("\\s", "");
        if (p.isEmpty()) {
            return new Outcome(Status.DIFFERS, name + " publishes an empty p=: the key is revoked");
        }
        try {
            PublicKey published = publicKey(key.algorithm(), Base64.getDecoder().decode(p));
            byte[] signature = key.algorithm().sign(key.key(), PROBE);
            if (key.algorithm().verify(published, PROBE, signature)) {
                return new Outcome(Status.MATCHES, name + " holds the matching public key");
            }
            return new Outcome(Status.DIFFERS, name + " holds a different public key: receivers will fail the "
                    + "signatures");
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return new Outcome(Status.DIFFERS, name + " holds a p= that is not a valid " + key.algorithm().keyType()
                    + " public key");
        }
    }

    private static PublicKey publicKey(SigningAlgorithm algorithm, byte[] p) throws GeneralSecurityException {
        byte[] spki = p;
        if (algorithm == SigningAlgorithm.ED25519_SHA256) {
            if (p.length != 32) {
                throw new GeneralSecurityException("an Ed25519 key has 32 bytes");
            }
            spki = new byte[ED25519_SPKI_PREFIX.length + 32];
            System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
            System.arraycopy(p, 0, spki, ED25519_SPKI_PREFIX.length, 32);
        }
        return KeyFactory.getInstance(algorithm.keyAlgorithm()).generatePublic(new X509EncodedKeySpec(spki));
    }

    /** A tag list ({@code v=DKIM1; k=rsa; p=...}) as a map of lower-case tag names to trimmed values. */
    static Map<String, String> tags(String record) {
        Map<String, String> tags = new HashMap<>();
        for (String part : record.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                tags.putIfAbsent(part.substring(0, eq).strip().toLowerCase(Locale.ROOT), part.substring(eq + 1).strip());
            }
        }
        return tags;
    }

    /** The record to publish for a public key: {@code v=DKIM1; k=rsa; p=...}. */
    public static String record(SigningAlgorithm algorithm, PublicKey key) {
        byte[] der = key.getEncoded();
        byte[] p = algorithm == SigningAlgorithm.ED25519_SHA256
                ? Arrays.copyOfRange(der, der.length - 32, der.length) : der;
        return "v=DKIM1; k=" + algorithm.keyType() + "; p=" + Base64.getEncoder().encodeToString(p);
    }
}
