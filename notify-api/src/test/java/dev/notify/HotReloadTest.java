package dev.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.notify.message.EmailMessage;
import dev.notify.settings.FileSettingsSource;
import dev.notify.settings.InMemorySettingsSource;
import dev.notify.settings.Layer;
import dev.notify.settings.SettingKeys;
import dev.notify.settings.Settings;
import dev.notify.settings.SettingsSource;
import dev.notify.support.RecordingProvider;
import dev.notify.support.RecordingProvider.RecordingSender;
import dev.notify.support.RelayKeys;
import dev.notify.support.TestSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HotReloadTest {

    private static final String BASE = String.join("\n",
            "email.enabled=true",
            "email.sender=support@example.com",
            "email.smtp.host=mail-a.example.com",
            "sms.max-segments=3",
            "servers.us-1.email.smtp.port=2525",
            "");

    @TempDir
    Path dir;

    private final RecordingProvider smtp = RecordingProvider.email("smtp");
    private Notifier notifier;

    @AfterEach
    void closeNotifier() {
        if (notifier != null) {
            notifier.close();
        }
    }

    private Notifier notifier(SettingsSource source) {
        notifier = Notifier.builder().settings(source).provider(smtp).discoverProviders(false).build();
        return notifier;
    }

    private static EmailMessage email() {
        return EmailMessage.builder().to("alice@example.com").subject("Hi").text("Hello").build();
    }

    private Path write(String content) throws IOException {
        Path file = dir.resolve("notify.properties");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private FileSettingsSource fileSource(String content) throws IOException {
        return FileSettingsSource.of(write(content)).withCheckInterval(Duration.ZERO);
    }

    @Test
    void rewrittenFileChangesTheHostOfTheNextSend() throws Exception {
        notifier(fileSource(BASE));
        notifier.server("eu-1").sendEmail(email());

        write(BASE.replace("mail-a.example.com", "relay-b.example.net"));
        notifier.server("eu-1").sendEmail(email());

        assertThat(smtp.attempts()).extracting(RecordingProvider.Attempt::host)
                .containsExactly("mail-a.example.com", "relay-b.example.net");
        assertThat(smtp.senders()).hasSize(2);
        assertThat(smtp.senders().get(0).isClosed()).as("the old sender is closed").isTrue();
        assertThat(smtp.senders().get(1).isClosed()).isFalse();
    }

    @Test
    void rewriteWithTheSameSizeAndTimestampIsStillNoticed() throws Exception {
        FileSettingsSource source = fileSource(BASE);
        Path file = source.file();
        FileTime written = Files.getLastModifiedTime(file);
        notifier(source);
        notifier.server("eu-1").sendEmail(email());

        write(BASE.replace("mail-a.example.com", "mail-b.example.com"));
        Files.setLastModifiedTime(file, written);
        notifier.server("eu-1").sendEmail(email());

        assertThat(smtp.attempts()).extracting(RecordingProvider.Attempt::host)
                .containsExactly("mail-a.example.com", "mail-b.example.com");
    }

    @Test
    void changingSmsOrAnotherServerDoesNotRebuildTheEmailSender() throws Exception {
        FileSettingsSource source = fileSource(BASE);
        notifier(source);
        notifier.server("eu-1").sendEmail(email());
        Settings before = source.current();

        write(BASE.replace("sms.max-segments=3", "sms.max-segments=4").replace("port=2525", "port=2526"));
        notifier.server("eu-1").sendEmail(email());

        assertThat(source.current()).as("the file was reloaded").isNotEqualTo(before);
        assertThat(smtp.senders()).singleElement().satisfies(s -> assertThat(s.isClosed()).isFalse());
        assertThat(smtp.attempts()).hasSize(2);
    }

    @Test
    void changingTheServersSmtpSectionRebuildsOnlyItsSender() throws Exception {
        FileSettingsSource source = fileSource(BASE);
        notifier(source);
        notifier.server("eu-1").sendEmail(email());
        notifier.server("us-1").sendEmail(email());
        RecordingSender eu1 = senderFor("eu-1");
        RecordingSender us1 = senderFor("us-1");

        write(BASE + "servers.us-1.email.smtp.host=relay-us.example.com\n");
        notifier.server("us-1").sendEmail(email());
        notifier.server("eu-1").sendEmail(email());

        assertThat(us1.isClosed()).isTrue();
        assertThat(eu1.isClosed()).isFalse();
        assertThat(smtp.senders()).hasSize(3);
        assertThat(smtp.attempts()).extracting(RecordingProvider.Attempt::host).containsExactly(
                "mail-a.example.com", "mail-a.example.com", "relay-us.example.com", "mail-a.example.com");
    }

    @Test
    void invalidRewriteKeepsTheOldSettingsAndLastErrorNamesTheKey() throws Exception {
        FileSettingsSource source = fileSource(BASE);
        notifier(source);

        write(BASE.replace("mail-a.example.com", "mail-c.example.com") + "servers.eu-1.email.smtp.port=70000\n");
        notifier.server("eu-1").sendEmail(email());

        assertThat(smtp.attempts()).extracting(RecordingProvider.Attempt::host).containsExactly("mail-a.example.com");
        assertThat(source.lastError()).hasValueSatisfying(e -> assertThat(e.problems())
                .extracting(Problem::toString).containsExactly("servers.eu-1.email.smtp.port: must be 1-65535, was 70000"));

        write(BASE.replace("mail-a.example.com", "mail-c.example.com"));
        notifier.server("eu-1").sendEmail(email());

        assertThat(source.lastError()).isEmpty();
        assertThat(smtp.attempts()).extracting(RecordingProvider.Attempt::host)
                .containsExactly("mail-a.example.com", "mail-c.example.com");
    }

    @Test
    void deletedFileKeepsTheOldSettings() throws Exception {
        FileSettingsSource source = fileSource(BASE);
        Settings before = source.current();

        Files.delete(source.file());

        assertThat(source.current()).isSameAs(before);
        assertThat(source.lastError()).isPresent();
    }

    @Test
    void unchangedFileKeepsTheSameSettingsInstance() throws Exception {
        FileSettingsSource source = fileSource(BASE);

        Settings first = source.current();

        assertThat(source.current()).isSameAs(first);
    }

    @Test
    void inMemoryUpdateChangesTheHostOfTheNextSendAndClosesTheOldSender() {
        InMemorySettingsSource source = new InMemorySettingsSource(TestSettings.parse(BASE.split("\n")));
        notifier(source);
        notifier.server("eu-1").sendEmail(email());

        source.update(settings -> Settings.builder(settings)
                .global(Layer.builder(settings.global()).set(RelayKeys.HOST, "relay-b.example.net").build())
                .build());
        notifier.server("eu-1").sendEmail(email());

        assertThat(smtp.attempts()).extracting(RecordingProvider.Attempt::host)
                .containsExactly("mail-a.example.com", "relay-b.example.net");
        assertThat(smtp.senders().get(0).isClosed()).isTrue();
    }

    @Test
    void inMemoryUpdateOfSmsOrAnotherServerDoesNotRebuildTheEmailSender() {
        InMemorySettingsSource source = new InMemorySettingsSource(TestSettings.parse(BASE.split("\n")));
        notifier(source);
        notifier.server("eu-1").sendEmail(email());

        source.update(settings -> Settings.builder(settings)
                .global(Layer.builder(settings.global()).set(SettingKeys.SMS_MAX_SEGMENTS, 3).build())
                .server("us-1", Layer.builder().set(RelayKeys.PORT, 587).build())
                .build());
        notifier.server("eu-1").sendEmail(email());

        assertThat(smtp.senders()).singleElement().satisfies(s -> assertThat(s.isClosed()).isFalse());
    }

    @Test
    void inMemoryUpdateToInvalidSettingsFailsTheNextSendNamingTheKey() {
        InMemorySettingsSource source = new InMemorySettingsSource(TestSettings.parse(BASE.split("\n")));
        notifier(source);
        notifier.server("eu-1").sendEmail(email());

        source.update(settings -> Settings.builder(settings)
                .server("eu-1", Layer.builder().clear(RelayKeys.HOST).build())
                .build());
        SettingsException e = catchThrowableOfType(SettingsException.class,
                () -> notifier.server("eu-1").sendEmail(email()));

        assertThat(e.problems()).extracting(Problem::key).containsExactly("servers.eu-1.email.smtp.host");
        assertThat(smtp.attempts()).hasSize(1);
    }

    @Test
    void sendInFlightFinishesOnTheOldSenderWhichClosesAfterwards() throws Exception {
        InMemorySettingsSource source = new InMemorySettingsSource(TestSettings.parse(BASE.split("\n")));
        notifier(source);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        smtp.behaviour((message, attempt) -> {
            if (attempt == 1) {
                started.countDown();
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return RecordingProvider.accept(message, attempt);
        });
        CompletableFuture<SendResult> inFlight = notifier.server("eu-1").sendEmailAsync(email());
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        source.update(settings -> Settings.builder(settings)
                .global(Layer.builder(settings.global()).set(RelayKeys.HOST, "relay-b.example.net").build())
                .build());
        notifier.server("eu-1").sendEmail(email());
        RecordingSender old = smtp.senders().get(0);
        boolean closedWhileInUse = old.isClosed();
        release.countDown();
        inFlight.get(5, TimeUnit.SECONDS);

        assertThat(closedWhileInUse).isFalse();
        assertThat(old.isClosed()).isTrue();
        assertThat(smtp.attempts()).extracting(RecordingProvider.Attempt::host)
                .containsExactly("mail-a.example.com", "relay-b.example.net");
    }

    private RecordingSender senderFor(String server) {
        return smtp.senders().stream()
                .filter(s -> s.settings().serverId().orElse("").equals(server)).findFirst().orElseThrow();
    }
}
