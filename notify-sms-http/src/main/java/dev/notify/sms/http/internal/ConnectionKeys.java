package dev.notify.sms.http.internal;

import dev.notify.settings.Secret;
import dev.notify.settings.SettingKey;
import dev.notify.spi.SettingsCheck;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The keys every HTTP SMS provider has under {@code sms.<id>.}: its service URL, the connect and request timeouts,
 * and a trust store for a private certificate authority or a TLS-inspecting proxy.
 *
 * <p>This class is immutable and threadsafe.
 *
 * @param url                the service's base URL (the webhook's URL)
 * @param connectTimeout     {@code sms.<id>.connect-timeout}
 * @param requestTimeout     {@code sms.<id>.request-timeout}
 * @param trustStore         {@code sms.<id>.trust-store}
 * @param trustStorePassword {@code sms.<id>.trust-store-password}
 */
public record ConnectionKeys(SettingKey<URI> url, SettingKey<Duration> connectTimeout,
        SettingKey<Duration> requestTimeout, SettingKey<Path> trustStore, SettingKey<Secret> trustStorePassword) {

    /**
     * A URL key that accepts {@code https://}, and {@code http://} only for a loopback host (a relay or test stub
     * on the same machine), never with a user name or password in it.
     */
    public static SettingKey.Builder<URI> url(String name) {
        return SettingKey.url(name).check(ConnectionKeys::checkUrl);
    }

    /** The timeout and trust store keys of the provider whose section the {@code url} key is in. */
    public static ConnectionKeys of(SettingKey<URI> url, String service) {
        String prefix = url.section() + ".";
        return new ConnectionKeys(url,
                SettingKey.duration(prefix + "connect-timeout")
                        .defaultValue(Duration.ofSeconds(10))
                        .description("How long to wait for a connection to " + service + ".")
                        .build(),
                SettingKey.duration(prefix + "request-timeout")
                        .defaultValue(Duration.ofSeconds(30))
                        .description("How long to wait for " + service + "'s answer to a request, once connected.")
                        .build(),
                SettingKey.path(prefix + "trust-store")
                        .description("A trust store (PKCS#12 or JKS) for " + service + ", e.g. behind a "
                                + "TLS-inspecting proxy; without it the JVM's default trust store applies.")
                        .build(),
                SettingKey.secret(prefix + "trust-store-password")
                        .description("The password of " + prefix + "trust-store, if it has one.")
                        .build());
    }

    /** The timeout and trust store keys, in reference order (without the URL, which the provider places). */
    public List<SettingKey<?>> connection() {
        return List.of(connectTimeout, requestTimeout, trustStore, trustStorePassword);
    }

    /** A trust store password only with a trust store. */
    public void validate(SettingsCheck check) {
        check.requireWith(trustStorePassword, trustStore);
    }

    private static String checkUrl(URI uri) {
        if (uri.getRawUserInfo() != null) {
            return "must not contain a user name or password (they would be printed wherever the URL is): set the "
                    + "credentials in their own keys";
        }
        if (uri.getScheme().equalsIgnoreCase("http") && !isLoopback(uri.getHost())) {
            return "must be an https:// URL: http:// would send the credentials and texts unencrypted, and is "
                    + "accepted only for a loopback host (localhost, 127.0.0.1, [::1]), was '" + uri + "'";
        }
        return null;
    }

    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("[::1]") || h.equals("::1") || h.matches("127(\\.\\d{1,3}){3}");
    }
}
