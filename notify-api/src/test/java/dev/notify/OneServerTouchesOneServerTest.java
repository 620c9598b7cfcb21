package dev.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.message.SmsMessage;
import dev.notify.settings.Settings;
import dev.notify.spi.ProviderSettings;
import dev.notify.spi.Sender;
import dev.notify.spi.SenderContext;
import dev.notify.spi.SenderProvider;
import dev.notify.support.RecordingProvider;
import dev.notify.support.RelayKeys;
import dev.notify.support.TestSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 30 item 8: with many servers, a send, a check or a test email for one server resolved and validated every
 * server. Counted by the provider's validator, which runs once per resolved server that uses it.
 */
class OneServerTouchesOneServerTest {

    private static final int SERVERS = 2_000;

    private final AtomicInteger validations = new AtomicInteger();
    private final RecordingProvider sms = RecordingProvider.sms("text");
    private final SenderProvider counting = new SenderProvider() {
        @Override
        public String id() {
            return sms.id();
        }

        @Override
        public Channel channel() {
            return Channel.SMS;
        }

        @Override
        public ProviderSettings settings() {
            return ProviderSettings.of(RelayKeys.SETTINGS.keys(), check -> validations.incrementAndGet());
        }

        @Override
        public Sender create(SenderContext context) {
            return sms.create(context);
        }
    };

    private Notifier notifier(String... extra) {
        List<String> lines = new ArrayList<>(List.of("sms.enabled=true"));
        for (int i = 0; i < SERVERS; i++) {
            lines.add("servers.s" + i + ".sms.max-segments=" + (1 + i % 10));
        }
        lines.addAll(List.of(extra));
        Settings settings = TestSettings.parse(lines.toArray(String[]::new));
        return Notifier.builder().settings(settings).provider(counting).discoverProviders(false).build();
    }

    @Test
    void sendingForOneServerValidatesOnlyThatServerAndTheGlobalSettings() {
        try (Notifier notifier = notifier()) {
            notifier.server("s1500").sendSms(SmsMessage.of("+15550101234", "code"));

            assertThat(sms.attempts()).hasSize(1);
            assertThat(validations).hasValueBetween(1, 2);
        }
    }

    @Test
    void checkingOneServerOfAChainValidatesOnlyItsChain() {
        try (Notifier notifier = notifier("servers.s3.inherits=s2", "servers.s2.inherits=s1")) {
            notifier.server("s3").check(Channel.SMS);

            assertThat(validations).hasValueBetween(1, 4);
        }
    }
}
