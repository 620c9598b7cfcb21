/**
 * notify's API: the settings model, the {@code Notifier}, message types, the provider SPI and a bounded JSON
 * reader and writer for providers that talk to JSON services. The
 * {@code dev.notify.internal} package is not exported.
 */
module dev.notify.api {
    requires org.slf4j;

    exports dev.notify;
    exports dev.notify.json;
    exports dev.notify.message;
    exports dev.notify.settings;
    exports dev.notify.spi;
    exports dev.notify.template;

    uses dev.notify.spi.SenderProvider;
    uses dev.notify.spi.SettingsExtension;
}
