package dev.notify.smtp.internal;

import dev.notify.Problem;
import dev.notify.SettingsException;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.Secret;
import dev.notify.settings.SettingKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The SSL context for SMTP connections: the trust store of {@code email.smtp.trust-store} when set, else the JVM's
 * default trust (which honours {@code -Djavax.net.ssl.trustStore}). There is no way to trust everything.
 */
final class TlsTrust {

    /** The protocols offered, newest first; TLS 1.2 is the minimum. */
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private TlsTrust() {
    }

    static SSLContext context(ResolvedSettings settings) {
        Optional<Path> file = settings.find(SettingKeys.SMTP_TRUST_STORE);
        try {
            if (file.isEmpty()) {
                return SSLContext.getDefault();
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(load(settings, file.get()));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new SettingsException(List.of(new Problem(settings.fullKey(SettingKeys.SMTP_TRUST_STORE),
                    "cannot set up TLS with this trust store: " + e.getMessage())));
        }
    }

    /** The protocols of {@link #PROTOCOLS} this JVM supports, space separated, for {@code mail.smtp.ssl.protocols}. */
    static String protocols(SSLContext context) {
        List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getProtocols());
        return String.join(" ", PROTOCOLS.stream().filter(supported::contains).toList());
    }

    private static KeyStore load(ResolvedSettings settings, Path file) {
        String key = settings.fullKey(SettingKeys.SMTP_TRUST_STORE);
        char[] password = settings.find(SettingKeys.SMTP_TRUST_STORE_PASSWORD).map(Secret::revealChars).orElse(null);
        Exception last = null;
        for (String type : List.of("PKCS12", "JKS")) {
            try (InputStream in = Files.newInputStream(file)) {
                KeyStore store = KeyStore.getInstance(type);
                store.load(in, password);
                if (store.size() == 0) {
                    throw new SettingsException(List.of(new Problem(key, "the trust store " + file
                            + " holds no certificate")));
                }
                return store;
            } catch (java.nio.file.NoSuchFileException e) {
                throw new SettingsException(List.of(new Problem(key, "the trust store " + file + " does not exist")));
            } catch (IOException | GeneralSecurityException e) {
                last = e;
            } finally {
                if (password != null && type.equals("JKS")) {
                    Arrays.fill(password, '\0');
                }
            }
        }
        String why = last.getCause() instanceof java.security.UnrecoverableKeyException
                || String.valueOf(last.getMessage()).contains("password")
                ? "wrong password (" + settings.fullKey(SettingKeys.SMTP_TRUST_STORE_PASSWORD) + ")"
                : last.getMessage();
        throw new SettingsException(List.of(new Problem(key, "cannot read the trust store " + file
                + " as PKCS#12 or JKS: " + why)));
    }
}
