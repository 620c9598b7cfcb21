package dev.notify.cli.acme;

import dev.notify.Channel;
import dev.notify.CheckReport;
import dev.notify.message.SmsMessage;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.Secret;
import dev.notify.settings.SettingKey;
import dev.notify.spi.Delivery;
import dev.notify.spi.ProviderSettings;
import dev.notify.spi.SmsSender;
import dev.notify.spi.SenderContext;
import dev.notify.spi.SenderProvider;
import java.util.List;

/**
 * A provider that exists only in these tests, registered with ServiceLoader: it declares an account and a secret
 * token of its own, as a credential group, and requires both when it delivers SMS.
 */
public final class AcmeSmsProvider implements SenderProvider {

    public static final SettingKey<String> ACCOUNT = SettingKey.text("sms.acme.account")
            .credentialGroup("acme-credentials")
            .description("The Acme account id.")
            .build();
    public static final SettingKey<Secret> TOKEN = SettingKey.secret("sms.acme.token")
            .credentialGroup("acme-credentials")
            .description("The Acme API token.")
            .build();

    private static final ProviderSettings SETTINGS = ProviderSettings.of(List.of(ACCOUNT, TOKEN),
            check -> check.requireTogether(ACCOUNT, TOKEN, "required when sms.delivery-method=acme"));

    @Override
    public String id() {
        return "acme";
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public ProviderSettings settings() {
        return SETTINGS;
    }

    @Override
    public SmsSender create(SenderContext context) {
        ResolvedSettings settings = context.settings();
        return new SmsSender() {
            @Override
            public Delivery send(SmsMessage sms) {
                return Delivery.accepted(sms.messageId().orElseThrow(), List.of(sms.phoneNumber()))
                        .withDetail("acme.account", settings.get(ACCOUNT));
            }

            @Override
            public CheckReport check() {
                return CheckReport.builder("acme").item("account", settings.get(ACCOUNT)).build();
            }

            @Override
            public void close() {
            }
        };
    }
}
