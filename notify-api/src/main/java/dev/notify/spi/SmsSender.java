package dev.notify.spi;

import dev.notify.DeliveryException;
import dev.notify.SettingsException;
import dev.notify.message.SmsMessage;

/**
 * A {@link Sender} of the SMS channel: what the {@link SenderProvider#create(SenderContext)} of a provider whose
 * {@link SenderProvider#channel()} is {@link dev.notify.Channel#SMS} returns. Implementations must be threadsafe.
 */
public interface SmsSender extends Sender {

    /**
     * Makes one delivery attempt. The notifier handles retries: a sender must not retry on its own. The notifier
     * has applied the SMS channel's rules before: the number is in E.164 ({@code +447700900123}, national numbers
     * completed with {@code sms.default-country-code}), the text fits {@code sms.max-segments}, and the Message-ID
     * is set.
     *
     * @return what the service accepted: the number in E.164, and an {@code sms.outcome} detail saying what the
     *     service did ("accepted by ...", "handed to ..."), never that the phone got it
     * @throws DeliveryException when the service refused the message: {@code TransientDeliveryException} when a
     *     later attempt may succeed, {@code PermanentDeliveryException} when it will not
     * @throws SettingsException when the service rejects the settings (authentication failed), naming the keys
     */
    Delivery send(SmsMessage message);
}
