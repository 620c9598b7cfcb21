package dev.notify.smtp;

import dev.notify.Channel;
import dev.notify.smtp.internal.SenderOptions;
import dev.notify.smtp.internal.SmtpSender;
import dev.notify.spi.ProviderSettings;
import dev.notify.spi.EmailSender;
import dev.notify.spi.SenderContext;
import dev.notify.spi.SenderProvider;
import java.util.Optional;

/**
 * The {@code smtp} email provider: delivers over SMTP with Jakarta Mail on Eclipse Angus. Found with
 * {@link java.util.ServiceLoader} when notify-smtp is on the class path, or registered with
 * {@code Notifier.builder().provider(new SmtpSenderProvider())}; selected with {@code email.delivery-method=smtp}
 * (the default).
 *
 * <p>It reads the {@code email.smtp.*} settings, and {@code email.graph.*} for the app registration when
 * {@code email.smtp.auth.mechanism=xoauth2}. With {@code email.smtp.dkim.domain} set it signs every message with
 * DKIM ({@link DkimSettingKeys}). Each sender keeps a pool of open connections
 * ({@code email.smtp.pool.*}); TLS always verifies the certificate and the host name.
 *
 * <p>This class is stateless and threadsafe.
 */
public final class SmtpSenderProvider implements SenderProvider {

    /** The provider id, for {@code email.delivery-method}. */
    public static final String ID = "smtp";

    private static final ProviderSettings SETTINGS = SmtpSettingKeys.settings();

    /** Used by ServiceLoader. */
    public SmtpSenderProvider() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    /** The {@link SmtpSettingKeys}, the {@link DkimSettingKeys}, and the app registration's keys for xoauth2. */
    @Override
    public ProviderSettings settings() {
        return SETTINGS;
    }

    /** {@code dev.notify:notify-smtp}. */
    @Override
    public Optional<String> artifact() {
        return Optional.of("dev.notify:notify-smtp");
    }

    /** SMTP delivers email when {@code email.delivery-method} is not set. */
    @Override
    public boolean isChannelDefault() {
        return true;
    }

    /**
     * Creates a sender; it connects on the first send or check, and closes idle connections on the context's
     * scheduler (no thread per sender for that).
     *
     * @throws dev.notify.SettingsException when the trust store, the client certificate or a DKIM key cannot be read
     */
    @Override
    public EmailSender create(SenderContext context) {
        return SmtpSender.create(context, SenderOptions.defaults());
    }
}
