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
     * The email sender for these settings, owned by the notifier: use it, never close it. An SMS sender is
     * rebuilt whenever the email sender it was given is, so the two always belong to the same settings.
     *
     * @throws IllegalStateException when email is disabled for these settings
     */
    public Sender emailSender() {
        return emailSender.get();
    }
}
