package dev.notify.smtp.dkim;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.PublicKeyRecord;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.apache.james.jdkim.tagvalue.PublicKeyRecordImpl;

/**
 * Verifies DKIM signatures with Apache James jDKIM, its DNS lookup replaced by the test's key records
 * ({@code selector._domainkey.domain} to {@code v=DKIM1; k=...; p=...}).
 *
 * <p>jDKIM 0.3 knows RSA only. For {@code ed25519-sha256} this class adds exactly what RFC 8463 defines on top of
 * RFC 6376, and jDKIM does the rest (tag parsing, header selection, canonicalization, body hash): a {@code
 * k=ed25519} record holds the bare 32-byte public key (section 4.2), and the signature is PureEdDSA over the
 * SHA-256 digest of the header hash input (section 3), offered to jDKIM as the JCA algorithm {@code
 * SHA256withED25519} that it asks for. {@code acceptsTheSignedExampleOfRfc8463} proves this verifier against the
 * RFC's own signed message.
 */
public final class IndependentVerifier {

    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    static {
        if (Security.getProvider(Rfc8463Provider.NAME) == null) {
            Security.addProvider(new Rfc8463Provider());
        }
    }

    private final Map<String, String> records;

    /** @param records key records by name, {@code brisbane._domainkey.football.example.com} */
    public IndependentVerifier(Map<String, String> records) {
        this.records = Map.copyOf(records);
    }

    /** A verifier that knows one key record. */
    public static IndependentVerifier of(String name, String record) {
        return new IndependentVerifier(Map.of(name, record));
    }

    /**
     * The signatures that verify; jDKIM throws when none does.
     *
     * @throws FailException when no signature verifies, with jDKIM's reason
     */
    public List<SignatureRecord> verify(byte[] message) throws FailException {
        DKIMVerifier verifier = new DKIMVerifier((method, selector, domain) -> {
            String record = records.get(selector + "._domainkey." + domain);
            if (record == null) {
                throw new PermFailException("no key record for " + selector + "._domainkey." + domain);
            }
            return List.of(record);
        }) {
            @Override
            protected PublicKeyRecord newPublicKeyRecord(String record) {
                return new Rfc8463KeyRecord(record);
            }
        };
        try {
            return verifier.verify(new ByteArrayInputStream(message));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A key record that reads {@code k=ed25519} keys as RFC 8463 publishes them. */
    private static final class Rfc8463KeyRecord extends PublicKeyRecordImpl {
        Rfc8463KeyRecord(String record) {
            super(record);
        }

        @Override
        public PublicKey getPublicKey() {
            if (!"ed25519".equalsIgnoreCase(String.valueOf(getValue("k")))) {
                return super.getPublicKey();
            }
            byte[] raw = Base64.getDecoder().decode(String.valueOf(getValue("p")).replaceAll("\\s", ""));
            if (raw.length != 32) {
                throw new IllegalStateException("an ed25519 p= holds 32 bytes, this one " + raw.length);
            }
            byte[] spki = new byte[ED25519_SPKI_PREFIX.length + 32];
            System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
            System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, 32);
            try {
                return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("invalid Ed25519 key", e);
            }
        }
    }

    /** Offers {@code SHA256withED25519}: Ed25519 over the SHA-256 digest of what is signed (RFC 8463 section 3). */
    private static final class Rfc8463Provider extends Provider {
        private static final long serialVersionUID = 1L;
        static final String NAME = "notify-test-rfc8463";

        Rfc8463Provider() {
            super(NAME, "1", "SHA256withED25519 as RFC 8463 defines it, for jDKIM in tests");
            putService(new Service(this, "Signature", "SHA256withED25519", Sha256Ed25519.class.getName(), null, null) {
                @Override
                public Object newInstance(Object parameter) {
                    return new Sha256Ed25519();
                }
            });
        }
    }

    private static final class Sha256Ed25519 extends SignatureSpi {
        private final MessageDigest sha256;
        private final Signature ed25519;

        Sha256Ed25519() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
                ed25519 = Signature.getInstance("Ed25519");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
            sha256.reset();
            ed25519.initVerify(publicKey);
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            throw new InvalidKeyException("this test algorithm only verifies");
        }

        @Override
        protected void engineUpdate(byte b) {
            sha256.update(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) {
            sha256.update(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            throw new SignatureException("this test algorithm only verifies");
        }

        @Override
        protected boolean engineVerify(byte[] signature) throws SignatureException {
            ed25519.update(sha256.digest());
            return ed25519.verify(signature);
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new InvalidParameterException("no parameters");
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new InvalidParameterException("no parameters");
        }
    }
}
