package dev.notify.spi;

import dev.notify.settings.ResolvedSettings;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a provider gets to build a sender: the resolved, valid settings, and for SMS providers that deliver
 * through email, the email sender of the same settings.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class SenderContext {

    private final ResolvedSettings settings;
    private final Supplier<Sender> emailSender;

    public SenderContext(ResolvedSettings settings, Supplier<Sender> emailSender) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.emailSender = Objects.requireNonNull(emailSender, "emailSender");
    }

    /** The settings of the server (or servers) this sender serves; only the provider's sections differ between them. */
    public ResolvedSettings settings() {
        return settings;
    }

    /**
     * The email sender for these settings, owned by the notifier: use it, never close it. The email channel's
     * settings are part of an email-gateway SMS sender's sections, so a change there rebuilds the SMS sender too.
     */
    public Sender emailSender() {
        return emailSender.get();
    }
}
