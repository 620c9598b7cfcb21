package dev.notify.smtp.internal;

import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.Secret;
import dev.notify.settings.SettingKey;
import dev.notify.smtp.SmtpAuthMechanism;
import dev.notify.smtp.SmtpPipelining;
import dev.notify.smtp.SmtpSettingKeys;
import dev.notify.smtp.TlsMode;
import java.time.Duration;

/** The SMTP settings a sender uses, read once from valid resolved settings. */
record SmtpConfig(ResolvedSettings settings, String host, int port, TlsMode tls, boolean auth,
        SmtpAuthMechanism mechanism, String username, Secret password, Duration connectTimeout,
        Duration readTimeout, Duration writeTimeout, int maxConnections, Duration idleTimeout,
        SmtpPipelining pipelining) {

    static SmtpConfig from(ResolvedSettings s) {
        boolean auth = s.get(SmtpSettingKeys.AUTH_ENABLED);
        return new SmtpConfig(s, s.get(SmtpSettingKeys.HOST), s.get(SmtpSettingKeys.PORT),
                s.get(SmtpSettingKeys.TLS), auth, s.get(SmtpSettingKeys.AUTH_MECHANISM),
                auth ? s.find(SmtpSettingKeys.AUTH_USERNAME).orElse(null) : null,
                auth ? s.find(SmtpSettingKeys.AUTH_PASSWORD).orElse(null) : null,
                s.get(SmtpSettingKeys.CONNECT_TIMEOUT), s.get(SmtpSettingKeys.READ_TIMEOUT),
                s.get(SmtpSettingKeys.WRITE_TIMEOUT), s.get(SmtpSettingKeys.POOL_MAX_CONNECTIONS),
                s.get(SmtpSettingKeys.POOL_IDLE_TIMEOUT), s.get(SmtpSettingKeys.PIPELINING));
    }

    boolean xoauth2() {
        return auth && mechanism == SmtpAuthMechanism.XOAUTH2;
    }

    /** {@code host:port}, for messages. */
    String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The key as the administrator should fix it. */
    String key(SettingKey<?> key) {
        return settings.fullKey(key);
    }

    @Override
    public String toString() {
        return "SmtpConfig[" + address() + ", tls=" + tls.id() + (auth ? ", user " + username : "") + "]";
    }
}
