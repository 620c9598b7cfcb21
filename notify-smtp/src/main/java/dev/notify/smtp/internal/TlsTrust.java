package dev.notify.smtp.internal;

import dev.notify.Problem;
import dev.notify.SettingsException;
import dev.notify.settings.ResolvedSettings;
import dev.notify.smtp.SmtpSettingKeys;
import dev.notify.spi.TrustStores;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;

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
        Optional<KeyStore> store = TrustStores.load(settings, SmtpSettingKeys.TRUST_STORE,
                SmtpSettingKeys.TRUST_STORE_PASSWORD);
        try {
            return store.isEmpty() ? SSLContext.getDefault()
                    : TrustStores.sslContext(TrustStores.trustManager(store.get()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SettingsException(List.of(new Problem(settings.fullKey(SmtpSettingKeys.TRUST_STORE),
                    "cannot set up TLS with this trust store: " + e.getMessage())));
        }
    }

    /** The protocols of {@link #PROTOCOLS} this JVM supports, space separated, for {@code mail.smtp.ssl.protocols}. */
    static String protocols(SSLContext context) {
        List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getProtocols());
        return String.join(" ", PROTOCOLS.stream().filter(supported::contains).toList());
    }
}
