package dev.notify.store.internal;

import dev.notify.store.EncryptionKeys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts secrets as stored text {@code ${enc:v1:<key id>:<base64url of a 12-byte nonce, the ciphertext and the
 * 16-byte GCM tag>}} (AES-GCM). The full key the value belongs to is authenticated with it, so a value copied to
 * another key does not decrypt. Threadsafe.
 */
final class SecretCipher {

    private static final Pattern ENCRYPTED = Pattern.compile("\\$\\{enc:v1:([A-Za-z0-9_-]{1,32}):([A-Za-z0-9_-]+)}");
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final EncryptionKeys keys;
    private final SecureRandom random = new SecureRandom();

    SecretCipher(EncryptionKeys keys) {
        this.keys = keys;
    }

    static boolean isEncrypted(String stored) {
        return stored != null && ENCRYPTED.matcher(stored).matches();
    }

    /** The id of the key a stored value was encrypted with. */
    static Optional<String> keyId(String stored) {
        Matcher m = ENCRYPTED.matcher(stored);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    boolean canEncrypt() {
        return keys.currentKeyId().isPresent();
    }

    String currentKeyId() {
        return keys.currentKeyId().orElseThrow(() -> new IllegalStateException("no encryption key is configured"));
    }

    String encrypt(String fullKey, String plain) {
        String id = currentKeyId();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.key(id).orElseThrow(), nonce, fullKey);
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return "${enc:v1:" + id + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(out) + "}";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every Java platform", e);
        }
    }

    /**
     * Decrypts a stored value.
     *
     * @throws IllegalArgumentException saying why (unknown key id, wrong key or altered value), without the value
     */
    String decrypt(String fullKey, String stored) {
        Matcher m = ENCRYPTED.matcher(stored);
        if (!m.matches()) {
            throw new IllegalArgumentException("is not an encrypted value");
        }
        String id = m.group(1);
        SecretKey key = keys.key(id).orElseThrow(() -> new IllegalArgumentException(
                "is encrypted with key '" + id + "', which is not among the configured encryption keys "
                        + keys.keyIds()));
        byte[] in;
        try {
            in = Base64.getUrlDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("holds an encrypted value that is not valid base64");
        }
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("holds an encrypted value that is too short");
        }
        try {
            byte[] nonce = java.util.Arrays.copyOf(in, NONCE_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, nonce, fullKey);
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalArgumentException("does not decrypt with key '" + id
                    + "' (another key with the same id, or a value altered or copied from another key)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every Java platform", e);
        }
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String fullKey)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(("notify-settings-v1\0" + fullKey).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
