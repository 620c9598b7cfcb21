package dev.notify.smtp.internal.dkim;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Signs messages with DKIM (RFC 6376; Ed25519 per RFC 8463) with one {@link SigningKey} and {@link
 * SigningPolicy}. It takes the message exactly as it goes to the server before dot-stuffing (header, empty line,
 * body; every line ending in CR LF) and returns the DKIM-Signature field to write in front of it. Nothing in the
 * message may change after signing.
 *
 * <pre>{@code
 * DkimSigner signer = new DkimSigner(key, SigningPolicy.defaults(), clock);   // the notifier's clock
 * String field = signer.sign(message);   // "DKIM-Signature: v=1; a=rsa-sha256; ...\r\n"
 * out.write(field.getBytes(StandardCharsets.US_ASCII));
 * out.write(message);
 * }</pre>
 *
 * <p>{@link #prepare} and {@link #complete} split {@link #sign} into the work around the signature (hashing,
 * canonicalization, the field) and the private-key operation. This class is immutable and threadsafe.
 */
public final class DkimSigner {

    private static final String FIELD_NAME = "DKIM-Signature";

    private final SigningKey key;
    private final SigningPolicy policy;
    private final Clock clock;

    public DkimSigner(SigningKey key, SigningPolicy policy, Clock clock) {
        this.key = Objects.requireNonNull(key, "key");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public SigningKey key() {
        return key;
    }

    /**
     * The DKIM-Signature field for the message, folded, ending in CR LF.
     *
     * @throws IllegalArgumentException when the bytes are not a message with CR LF line ends
     */
    public String sign(byte[] message) {
        return complete(prepare(message, message.length));
    }

    /**
     * Everything but the signature: the body hash, the signed fields in canonical form and the DKIM-Signature
     * field up to {@code b=}.
     *
     * @param length the message is {@code message[0, length)}
     * @throws IllegalArgumentException when the bytes are not a message with CR LF line ends
     */
    public Prepared prepare(byte[] message, int length) {
        MessageParts parts = MessageParts.of(message, length);
        ByteSink body = new ByteSink(length - parts.bodyStart() + 2);
        policy.body().body(message, parts.bodyStart(), length, body);
        MessageDigest sha256 = sha256();
        sha256.update(body.array(), 0, body.size());
        String bodyHash = Base64.getEncoder().encodeToString(sha256.digest());

        List<String> signed = signedNames(message, parts.fields());
        long now = clock.instant().getEpochSecond();
        FoldedField field = new FoldedField(FIELD_NAME)
                .tag("v", "1")
                .tag("a", key.algorithm().id())
                .tag("c", policy.header().id() + "/" + policy.body().id())
                .tag("d", key.domain())
                .tag("s", key.selector())
                .tag("t", Long.toString(now));
        policy.expiry().ifPresent(e -> field.tag("x", Long.toString(now + Math.max(1, e.toSeconds()))));
        field.names("h", signed)
                .base64("bh", bodyHash)
                .base64("b", "");

        ByteSink input = new ByteSink(1024);
        boolean[] used = new boolean[parts.fields().size()];
        for (String name : signed) {
            for (int i = parts.fields().size() - 1; i >= 0; i--) {
                HeaderField f = parts.fields().get(i);
                if (!used[i] && f.hasName(message, name)) {
                    used[i] = true;
                    policy.header().header(message, f.start(), f.colon(), f.end(), input);
                    break;
                }
            }
        }
        byte[] unsigned = field.text().getBytes(StandardCharsets.US_ASCII);
        policy.header().header(unsigned, 0, FIELD_NAME.length(), unsigned.length, input);
        return new Prepared(field.text(), field.column(), input.toByteArray());
    }

    /** The field of {@link #prepare} with its signature: the private-key operation. */
    public String complete(Prepared prepared) {
        byte[] signature;
        try {
            signature = key.algorithm().sign(key.key(), prepared.signingInput);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + key + ": " + e.getClass().getSimpleName(), e);
        }
        return FoldedField.continuing(prepared.field, prepared.column)
                .base64Value(Base64.getEncoder().encodeToString(signature)).text() + "\r\n";
    }

    /**
     * The names for {@code h=}: each configured field as often as it occurs, From once more (so that a From
     * added later breaks the signature).
     */
    private List<String> signedNames(byte[] message, List<HeaderField> fields) {
        List<String> names = new ArrayList<>(policy.headers().size() + 2);
        String from = null;
        for (String name : policy.headers()) {
            for (HeaderField f : fields) {
                if (f.hasName(message, name)) {
                    names.add(name);
                }
            }
            if (name.equalsIgnoreCase("From")) {
                from = name;
            }
        }
        names.add(from);
        return names;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** The outcome of {@link #prepare}: the field up to {@code b=} and the bytes the signature covers. */
    public static final class Prepared {
        private final String field;
        private final int column;
        private final byte[] signingInput;

        private Prepared(String field, int column, byte[] signingInput) {
            this.field = field;
            this.column = column;
            this.signingInput = signingInput;
        }

        /** The DKIM-Signature field without the signature, ending in {@code b=}. */
        public String unsignedField() {
            return field;
        }
    }

    @Override
    public String toString() {
        return "DkimSigner[" + key + "]";
    }
}
