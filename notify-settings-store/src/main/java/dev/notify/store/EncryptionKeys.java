package dev.notify.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES keys a store encrypts secrets with (AES-GCM), each with an id stored beside every value it encrypted, so
 * keys can rotate. The host provides them from a file or an environment variable, never on a command line:
 * entries {@code <id>:<base64 of 16, 24 or 32 random bytes>}, one per line (or separated by commas in a variable),
 * {@code #} comments allowed. The <b>first</b> entry is the current key, which encrypts new values; the others
 * only decrypt. Create a key with {@code head -c 32 /dev/urandom | base64}.
 *
 * <p>To rotate: put a new entry first, run {@link SettingsStore#reencrypt} ({@code notify settings reencrypt}),
 * then drop the old entry once no version you may roll back to needs it.
 *
 * <p>This class is immutable and threadsafe. {@link #toString()} names the key ids only.
 */
public final class EncryptionKeys {

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final EncryptionKeys NONE = new EncryptionKeys(Map.of());

    private final Map<String, SecretKey> keys;

    private EncryptionKeys(Map<String, SecretKey> keys) {
        this.keys = keys;
    }

    /** No keys: secrets can be written only as references. */
    public static EncryptionKeys none() {
        return NONE;
    }

    /**
     * Reads keys from a file (which only the host's user should be able to read).
     *
     * @throws IllegalArgumentException naming the file and the line when it cannot be read or an entry is invalid
     */
    public static EncryptionKeys fromFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the encryption key file " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        return parse(text, "encryption key file " + file);
    }

    /**
     * Reads keys from an environment variable of the process.
     *
     * @throws IllegalArgumentException naming the variable when it is not set or an entry is invalid
     */
    public static EncryptionKeys fromEnvironment(String variable) {
        return fromEnvironment(variable, System::getenv);
    }

    /** Reads keys from a variable of {@code environment} (which returns null for an unset variable). */
    public static EncryptionKeys fromEnvironment(String variable, Function<String, String> environment) {
        String text = environment.apply(Objects.requireNonNull(variable, "variable"));
        if (text == null) {
            throw new IllegalArgumentException("environment variable " + variable + " is not set");
        }
        return parse(text, "environment variable " + variable);
    }

    /**
     * Parses entries as described above.
     *
     * @param source names where the text came from, in errors
     */
    public static EncryptionKeys parse(String text, String source) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        String[] entries = text.split("[\\r\\n,]+");
        int number = 0;
        for (String entry : entries) {
            number++;
            String line = entry.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String id = colon < 0 ? "" : line.substring(0, colon).strip();
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException(source + ", entry " + number
                        + ": must be <id>:<base64 key> with an id of 1-32 letters, digits, '-' or '_'");
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(line.substring(colon + 1).strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ", key " + id + ": not valid base64");
            }
            if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
                throw new IllegalArgumentException(source + ", key " + id + ": must be 16, 24 or 32 bytes, was "
                        + bytes.length);
            }
            if (keys.putIfAbsent(id, new SecretKeySpec(bytes, "AES")) != null) {
                throw new IllegalArgumentException(source + ": key id " + id + " is given twice");
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(source + " holds no key");
        }
        return new EncryptionKeys(Collections.unmodifiableMap(keys));
    }

    /** The id of the key new values are encrypted with; empty when there is no key. */
    public Optional<String> currentKeyId() {
        return keys.keySet().stream().findFirst();
    }

    /** Every key id, the current one first. */
    public Set<String> keyIds() {
        return keys.keySet();
    }

    /** The key with this id. */
    public Optional<SecretKey> key(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    @Override
    public String toString() {
        return "EncryptionKeys" + keys.keySet();
    }
}
