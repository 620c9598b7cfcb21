package dev.notify.smtp.dkim;

import dev.notify.smtp.internal.dkim.PublishedKey;
import dev.notify.smtp.internal.dkim.SigningAlgorithm;
import dev.notify.smtp.internal.dkim.SigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Base64;

/** Key pairs made once per test JVM (RSA generation is slow), their PEM and their DNS key records. */
public final class TestKeys {

    public static final KeyPair RSA_2048 = generate("RSA", 2048);
    public static final KeyPair RSA_2048_OTHER = generate("RSA", 2048);
    public static final KeyPair RSA_1024 = generate("RSA", 1024);
    public static final KeyPair ED25519 = generate("Ed25519", 0);
    public static final KeyPair ED25519_OTHER = generate("Ed25519", 0);

    private TestKeys() {
    }

    public static KeyPair generate(String algorithm, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (bits > 0) {
                generator.initialize(new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4));
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PKCS#8 PEM, as {@code openssl genpkey} writes it. */
    public static String pem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Writes the key as PKCS#8 PEM to {@code dir/name}. */
    public static Path write(Path dir, String name, PrivateKey key) {
        try {
            return Files.writeString(dir.resolve(name), pem(key), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The TXT record that publishes the pair's public key. */
    public static String record(SigningAlgorithm algorithm, KeyPair pair) {
        return PublishedKey.record(algorithm, pair.getPublic());
    }

    public static SigningKey rsaKey(String domain, String selector) {
        return new SigningKey(domain, selector, SigningAlgorithm.RSA_SHA256, RSA_2048.getPrivate());
    }

    public static SigningKey ed25519Key(String domain, String selector) {
        return new SigningKey(domain, selector, SigningAlgorithm.ED25519_SHA256, ED25519.getPrivate());
    }
}
