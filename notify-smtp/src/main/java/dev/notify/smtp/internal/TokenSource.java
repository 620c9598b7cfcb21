package dev.notify.smtp.internal;

/** Supplies the OAuth 2.0 access token for XOAUTH2. Implementations are threadsafe. */
interface TokenSource {

    /**
     * A token valid for a while yet, cached or new.
     *
     * @throws dev.notify.SettingsException when the login host refuses the app registration
     * @throws dev.notify.TransientDeliveryException when the login host cannot be reached
     */
    String token();

    /** Forgets the cached token, after the SMTP server refused it. */
    void invalidate();
}
