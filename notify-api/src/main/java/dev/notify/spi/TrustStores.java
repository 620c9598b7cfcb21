package dev.notify.spi;

import dev.notify.Problem;
import dev.notify.SettingsException;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.Secret;
import dev.notify.settings.SettingKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads a trust store named by the settings ({@code <channel>.<provider>.trust-store}),
 * for providers that let an administrator trust a private certificate authority. Errors name the key and never
 * the password.
 *
 * <p>This class is threadsafe.
 */
public final class TrustStores {

    private TrustStores() {
    }

    /**
     * The trust store the settings name, read as PKCS#12 or JKS; empty when {@code fileKey} has no value (use the
     * JVM's default trust then).
     *
     * @throws SettingsException naming {@code fileKey} or {@code passwordKey} when the file is missing, empty,
     *     unreadable or its password is wrong
     */
    public static Optional<KeyStore> load(ResolvedSettings settings, SettingKey<Path> fileKey, SettingKey<Secret> passwordKey) {
        Optional<Path> file = settings.find(fileKey);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        String key = settings.fullKey(fileKey);
        Exception last = null;
        for (String type : List.of("PKCS12", "JKS")) {
            char[] password = settings.find(passwordKey).map(Secret::revealChars).orElse(null);
            try (InputStream in = Files.newInputStream(file.get())) {
                KeyStore store = KeyStore.getInstance(type);
                store.load(in, password);
                if (store.size() == 0) {
                    throw problem(key, "the trust store " + file.get() + " holds no certificate");
                }
                return Optional.of(store);
            } catch (NoSuchFileException e) {
                throw problem(key, "the trust store " + file.get() + " does not exist");
            } catch (IOException | GeneralSecurityException e) {
                last = e;
            } finally {
                if (password != null) {
                    Arrays.fill(password, '\0');
                }
            }
        }
        boolean wrongPassword = last.getCause() instanceof UnrecoverableKeyException
                || String.valueOf(last.getMessage()).contains("password");
        throw problem(key, "cannot read the trust store " + file.get() + " as PKCS#12 or JKS: "
                + (wrongPassword ? "wrong password (" + settings.fullKey(passwordKey) + ")" : last.getMessage()));
    }

    private static SettingsException problem(String key, String message) {
        return new SettingsException(List.of(new Problem(key, message)));
    }
}
