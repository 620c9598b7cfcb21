package dev.notify.sms.http;

import dev.notify.Channel;
import dev.notify.settings.ResolvedSettings;
import dev.notify.sms.http.internal.ConnectionKeys;
import dev.notify.sms.http.internal.ProviderOptions;
import dev.notify.sms.http.internal.SmsService;
import dev.notify.spi.ProviderSettings;
import dev.notify.spi.SmsSender;
import dev.notify.spi.SenderContext;
import dev.notify.spi.SenderProvider;
import java.security.KeyStore;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the four HTTP SMS providers share: the SMS channel, a sender per settings that calls the service with the
 * JDK's {@code HttpClient}, and the trust store a host or a test may set with {@link #withTrustStore(KeyStore)}.
 * {@code Retry-After} dates are read against the notifier's clock ({@link SenderContext#clock()}).
 *
 * <p>Instances are immutable and threadsafe; {@link #create} opens no connection.
 *
 * @param <P> the provider's own type, which the {@code with...} methods return
 */
public abstract sealed class HttpSmsProvider<P extends HttpSmsProvider<P>> implements SenderProvider
        permits TwilioSmsProvider, VonageSmsProvider, InfobipSmsProvider, WebhookSmsProvider {

    private final String id;
    private final ProviderSettings settings;
    private final ConnectionKeys connection;
    private final Function<ResolvedSettings, SmsService> services;
    private final Function<ProviderOptions, P> copy;
    private final ProviderOptions options;

    HttpSmsProvider(String id, ProviderSettings settings, ConnectionKeys connection,
            Function<ResolvedSettings, SmsService> services, Function<ProviderOptions, P> copy, ProviderOptions options) {
        this.id = id;
        this.settings = settings;
        this.connection = connection;
        this.services = services;
        this.copy = copy;
        this.options = options;
    }

    /**
     * A new provider whose senders trust exactly the certificate authorities in {@code trustStore} (host names are
     * still verified), unless the settings name {@code sms.<id>.trust-store}; this one is unchanged. Register it with
     * {@code Notifier.builder().provider(...)}.
     *
     * @throws IllegalArgumentException when the store cannot be used as a trust store
     */
    public P withTrustStore(KeyStore trustStore) {
        return copy.apply(options.trusting(trustStore));
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Channel channel() {
        return Channel.SMS;
    }

    @Override
    public final ProviderSettings settings() {
        return settings;
    }

    /** {@code dev.notify:notify-sms-http}. */
    @Override
    public final Optional<String> artifact() {
        return Optional.of("dev.notify:notify-sms-http");
    }

    /**
     * A sender for the context's settings.
     *
     * @throws dev.notify.SettingsException naming {@code sms.<id>.trust-store} when that store cannot be read
     */
    @Override
    public final SmsSender create(SenderContext context) {
        return options.create(id, context, connection, services);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + options + "]";
    }
}
