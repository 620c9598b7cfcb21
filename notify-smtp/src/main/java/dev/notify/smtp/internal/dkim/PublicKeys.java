package dev.notify.smtp.internal.dkim;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Optional;

/** The public key of a DKIM private key, for telling the administrator what to publish. */
final class PublicKeys {

    private static final byte[] PROBE = "notify DKIM public key".getBytes(StandardCharsets.US_ASCII);

    private PublicKeys() {
    }

    /**
     * The public key that belongs to {@code key}, proved by a signature that verifies with it; empty when it
     * cannot be derived (an RSA key without its CRT parameters).
     */
    static Optional<PublicKey> of(SigningKey key) {
        try {
            PublicKey derived = derive(key.key());
            if (derived == null) {
                return Optional.empty();
            }
            byte[] signature = key.algorithm().sign(key.key(), PROBE);
            return key.algorithm().verify(derived, PROBE, signature) ? Optional.of(derived) : Optional.empty();
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static PublicKey derive(PrivateKey key) throws GeneralSecurityException {
        if (key instanceof RSAPrivateCrtKey rsa) {
            return KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        }
        if (key instanceof EdECPrivateKey ed && ed.getBytes().isPresent()) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new FixedBytes(ed.getBytes().get()));
            return generator.generateKeyPair().getPublic();
        }
        return null;
    }

    /**
     * Hands out the private key's bytes as "random" bytes: Ed25519 key generation takes its private key from the
     * random source and computes the public key from it, which the JDK offers no other way to do.
     */
    private static final class FixedBytes extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] bytes;

        FixedBytes(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public void nextBytes(byte[] out) {
            if (out.length != bytes.length) {
                throw new IllegalStateException("expected a request for " + bytes.length + " bytes");
            }
            System.arraycopy(bytes, 0, out, 0, out.length);
        }
    }
}
