package dev.notify.sms.http.internal;

import dev.notify.settings.ResolvedSettings;
import dev.notify.spi.SmsSender;
import dev.notify.spi.SenderContext;
import dev.notify.spi.TrustStores;
import java.security.KeyStore;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a provider instance was configured with beyond the settings: the certificate authorities to trust when
 * the settings name no trust store.
 *
 * <p>This class is immutable and threadsafe.
 *
 * @param tls the trust for settings without {@code sms.<id>.trust-store}
 */
public record ProviderOptions(TrustStores.Trust tls) {

    public ProviderOptions {
        Objects.requireNonNull(tls, "tls");
    }

    /** The JVM's trust store. */
    public static ProviderOptions defaults() {
        return new ProviderOptions(TrustStores.Trust.jvmDefault());
    }

    /**
     * The same, trusting exactly the certificate authorities in {@code trustStore}.
     *
     * @throws IllegalArgumentException when the store cannot be used as a trust store
     */
    public ProviderOptions trusting(KeyStore trustStore) {
        return new ProviderOptions(TrustStores.Trust.of(Objects.requireNonNull(trustStore, "trustStore"),
                "the trust store given to the provider"));
    }

    /**
     * A sender for the context's settings, reading {@code Retry-After} dates against the context's clock; opens no
     * connection.
     *
     * @throws dev.notify.SettingsException naming the trust store keys when the trust store cannot be read
     */
    public SmsSender create(String providerId, SenderContext context, ConnectionKeys keys,
            Function<ResolvedSettings, SmsService> services) {
        ResolvedSettings settings = context.settings();
        TrustStores.Trust trust = TrustStores.Trust.fromSettings(settings, keys.trustStore(),
                keys.trustStorePassword(), tls);
        SmsService service = services.apply(settings);
        return new HttpSmsSender(providerId, service,
                HttpExchange.create(service.name(), Redactor.of(service.secrets()), settings, keys, trust), settings,
                context.clock());
    }

    @Override
    public String toString() {
        return tls.isJvmDefault() ? "JVM trust store" : "custom trust store";
    }
}
