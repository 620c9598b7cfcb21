package dev.notify.spi;

import dev.notify.CheckReport;
import dev.notify.DeliveryException;
import dev.notify.SettingsException;
import dev.notify.message.Message;

/**
 * Delivers messages with one set of settings. Created by a {@link SenderProvider}; shared by every thread and
 * every server with the same settings, so implementations must be threadsafe.
 */
public interface Sender extends AutoCloseable {

    /**
     * Makes one delivery attempt. The notifier handles retries: a sender must not retry on its own. The message
     * is complete: its {@code from} and Message-ID are set.
     *
     * @return what the server accepted; recipients refused individually are listed in the delivery, and the
     *     call throws only when no recipient was accepted
     * @throws DeliveryException when nothing was accepted: {@code TransientDeliveryException} when a later
     *     attempt may succeed, {@code PermanentDeliveryException} when it will not
     * @throws SettingsException when the server rejects the settings (authentication failed), naming the keys
     */
    Delivery send(Message message);

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
