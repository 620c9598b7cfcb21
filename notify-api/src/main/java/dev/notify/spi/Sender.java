package dev.notify.spi;

import dev.notify.CheckReport;

/**
 * Delivers messages of one channel with one set of settings: an {@link EmailSender} or an {@link SmsSender}, typed
 * by the message it sends, so no provider casts. Created by a {@link SenderProvider}; shared by every thread and
 * every server with the same settings, so implementations must be threadsafe.
 */
public interface Sender extends AutoCloseable {

    /**
     * Connects and checks the settings without sending anything (SMTP: connect, STARTTLS, AUTH; Graph: a
     * token and its roles). Never throws for what it finds: failures are part of the report.
     */
    CheckReport check();

    /**
     * Releases connections and threads. Idempotent. A send after close throws
     * {@link dev.notify.SendRejectedException}, whatever the provider.
     */
    @Override
    void close();
}
