/**
 * HTTP SMS providers: Twilio, Vonage, Infobip and a generic webhook. The {@code dev.notify.sms.http.internal}
 * package is not exported.
 */
module dev.notify.sms.http {
    requires transitive dev.notify.api;
    requires java.net.http;
    requires org.slf4j;

    exports dev.notify.sms.http;

    provides dev.notify.spi.SenderProvider with
            dev.notify.sms.http.InfobipSmsProvider,
            dev.notify.sms.http.TwilioSmsProvider,
            dev.notify.sms.http.VonageSmsProvider,
            dev.notify.sms.http.WebhookSmsProvider;
}
