/**
 * The e-mail-to-SMS gateway provider. The {@code dev.notify.sms.internal} package is not exported.
 */
module dev.notify.sms {
    requires transitive dev.notify.api;
    requires org.slf4j;

    exports dev.notify.sms;

    provides dev.notify.spi.SenderProvider with dev.notify.sms.SmsGatewayProvider;
}
