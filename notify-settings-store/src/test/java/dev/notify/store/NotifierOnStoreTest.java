package dev.notify.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notifier;
import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import dev.notify.settings.SettingsSchema;
import dev.notify.testkit.FakeEmailProvider;
import dev.notify.testkit.Outbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifierOnStoreTest {

    @TempDir
    Path dir;

    @Test
    void notifierBuiltOnTheStoreUsesEachSavedChangeOnItsNextSendAndKeepsTheLastGoodOnAnUnreadableFile()
            throws Exception {
        Path file = dir.resolve("notify.properties");
        Outbox outbox = new Outbox();
        FakeEmailProvider fake = new FakeEmailProvider(outbox);
        try (SettingsStore store = FileSettingsStore.open(file, StoreOptions.builder().checkInterval(Duration.ZERO)
                .schema(SettingsSchema.of(List.of(fake))).build());
                Notifier notifier = Notifier.builder().settings(store).discoverProviders(false).provider(fake)
                        .build()) {
            store.apply(ChangeSet.builder(0, "ann").set("email.enabled", "true").set("email.delivery-method", "fake")
                    .set("email.sender", "First <first@example.com>").build());
            notifier.server("eu-1").sendEmail(message());

            store.apply(ChangeSet.builder(1, "ann").set("servers.eu-1.email.sender", "Second <second@example.com>")
                    .build());
            notifier.server("eu-1").sendEmail(message());

            Files.write(file, new byte[] {(byte) 0xFF, (byte) 0xFE});
            notifier.server("eu-1").sendEmail(message());

            assertThat(outbox.emails()).extracting(m -> m.from().map(EmailAddress::address).orElse(null))
                    .containsExactly("first@example.com", "second@example.com", "second@example.com");
            assertThat(store.status().state()).isEqualTo(StoreStatus.State.UNAVAILABLE);
        }
    }

    private static EmailMessage message() {
        return EmailMessage.builder().to("user@example.com").subject("Hello").text("Hello").build();
    }
}
