package dev.notify.sms.http.internal;

import dev.notify.settings.ResolvedSettings;
import dev.notify.spi.Sender;
import dev.notify.spi.SenderContext;
import dev.notify.spi.TrustStores;
import java.security.KeyStore;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a provider instance was configured with beyond the settings: the certificate authorities to trust when
 * the settings name no trust store, and the clock for {@code Retry-After} dates.
 *
 * <p>This class is immutable and threadsafe.
 *
 * @param tls   the trust for settings without {@code sms.<id>.trust-store}
 * @param clock the clock {@code Retry-After} dates are compared with
 */
public record ProviderOptions(TrustStores.Trust tls, Clock clock) {

    public ProviderOptions {
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(clock, "clock");
    }

    /** The JVM's trust store and the system clock. */
    public static ProviderOptions defaults() {
        return new ProviderOptions(TrustStores.Trust.jvmDefault(), Clock.systemUTC());
    }

    /**
     * The same, trusting exactly the certificate authorities in {@code trustStore}.
     *
     * @throws IllegalArgumentException when the store cannot be used as a trust store
     */
    public ProviderOptions trusting(KeyStore trustStore) {
        return new ProviderOptions(TrustStores.Trust.of(trustStore, "the trust store given to the provider"), clock);
    }

    public ProviderOptions withClock(Clock newClock) {
        return new ProviderOptions(tls, Objects.requireNonNull(newClock, "clock"));
    }

    /**
     * A sender for the context's settings; opens no connection.
     *
     * @throws dev.notify.SettingsException naming the trust store keys when the trust store cannot be read
     */
    public Sender create(String providerId, SenderContext context, ConnectionKeys keys,
            Function<ResolvedSettings, SmsService> services) {
        ResolvedSettings settings = context.settings();
        TrustStores.Trust trust = TrustStores.Trust.fromSettings(settings, keys.trustStore(),
                keys.trustStorePassword(), tls);
        SmsService service = services.apply(settings);
        return new HttpSmsSender(providerId, service, HttpExchange.create(service.name(), Redactor.of(service.secrets()), settings, keys, trust),
                settings, clock);
    }

    @Override
    public String toString() {
        return (tls.isJvmDefault() ? "JVM trust store" : "custom trust store") + ", " + clock;
    }
}
