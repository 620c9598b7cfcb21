package dev.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import dev.notify.message.Message;
import dev.notify.message.SmsMessage;
import dev.notify.settings.Settings;
import dev.notify.support.RecordingProvider;
import dev.notify.support.RecordingProvider.Attempt;
import dev.notify.support.RecordingScheduler;
import dev.notify.support.TestSettings;
import dev.notify.support.Threads;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class NotifierTest {

    private static final String[] BASE = {
        "email.enabled=true",
        "email.sender=Customer Service <support@example.com>",
        "email.reply-to=replies@example.com",
        "email.smtp.host=mail.example.com",
        "email.retry.initial-delay=10ms",
        "email.retry.max-delay=1s",
    };

    private final RecordingProvider smtp = RecordingProvider.email("smtp");
    private final CountDownLatch release = new CountDownLatch(1);
    private Notifier notifier;

    @AfterEach
    void closeNotifier() {
        release.countDown();
        if (notifier != null) {
            notifier.close();
        }
    }

    private Notifier notifier(String... extraLines) {
        return notifier(Notifier.builder(), extraLines);
    }

    private Notifier notifier(NotifierBuilder builder, String... extraLines) {
        Settings settings = TestSettings.parse(Stream.concat(Stream.of(BASE), Stream.of(extraLines)).toArray(String[]::new));
        notifier = builder.settings(settings).provider(smtp).discoverProviders(false).build();
        return notifier;
    }

    private static EmailMessage email(String subject) {
        return EmailMessage.builder().to("alice@example.com").subject(subject).text("It is ready.").build();
    }

    private RecordingProvider.Behaviour blockUntilReleased(CountDownLatch started) {
        return (message, attempt) -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransientDeliveryException("interrupted");
            }
            return RecordingProvider.accept(message, attempt);
        };
    }

    @Test
    void disabledChannelReturnsChannelDisabledAndSendsNothing() {
        notifier("servers.eu-1.email.enabled=false");

        SendResult email = notifier.server("eu-1").sendEmail(email("Hi"));
        SendResult sms = notifier.server("eu-1").sendSms(SmsMessage.of("+15550101234", "Hi"));

        assertThat(email.status()).isEqualTo(SendStatus.CHANNEL_DISABLED);
        assertThat(email.isAccepted()).isFalse();
        assertThat(email.attempts()).isZero();
        assertThat(email.server()).contains("eu-1");
        assertThat(sms.status()).isEqualTo(SendStatus.CHANNEL_DISABLED);
        assertThat(smtp.attempts()).isEmpty();
        assertThat(smtp.senders()).isEmpty();
    }

    @Test
    void messageGetsSenderReplyToAndAMessageIdInTheSendersDomain() {
        notifier();

        SendResult result = notifier.server("eu-1").sendEmail(email("Your report"));

        EmailMessage sent = smtp.attempts().get(0).email();
        assertThat(sent.from()).contains(EmailAddress.parse("support@example.com"));
        assertThat(sent.from().orElseThrow().displayName()).contains("Customer Service");
        assertThat(sent.replyTo()).containsExactly(EmailAddress.parse("replies@example.com"));
        assertThat(sent.messageId()).hasValueSatisfying(id -> assertThat(id).matches("<[0-9a-f]{32}@example\\.com>"));
        assertThat(result.status()).isEqualTo(SendStatus.ACCEPTED);
        assertThat(result.messageId()).isEqualTo(sent.messageId());
        assertThat(result.providerId()).contains("smtp");
        assertThat(result.server()).contains("eu-1");
        assertThat(result.accepted()).containsExactly("alice@example.com");
        assertThat(result.attempts()).isEqualTo(1);
    }

    @Test
    void messageKeepsItsOwnFromAndReplyToAndTheIdTakesItsDomain() {
        notifier();

        notifier.global().sendEmail(EmailMessage.builder().from("Billing <billing@bücher.example>")
                .replyTo("accounts@example.org").to("alice@example.com").subject("Invoice").text("Attached.").build());

        EmailMessage sent = smtp.attempts().get(0).email();
        assertThat(sent.from()).contains(EmailAddress.parse("billing@bücher.example"));
        assertThat(sent.replyTo()).containsExactly(EmailAddress.parse("accounts@example.org"));
        assertThat(sent.messageId()).hasValueSatisfying(id -> assertThat(id).endsWith("@xn--bcher-kva.example>"));
    }

    @Test
    void serverThatClearsReplyToSendsWithoutOne() {
        notifier("servers.eu-1.email.reply-to=");

        notifier.server("eu-1").sendEmail(email("Hi"));

        assertThat(smtp.attempts().get(0).email().replyTo()).isEmpty();
    }

    @Test
    void transientFailuresAreRetriedWithTheSameMessageId() {
        notifier();
        smtp.behaviour((message, attempt) -> {
            if (attempt <= 2) {
                throw new TransientDeliveryException("451 try again later",
                        DeliveryException.Details.of().replyCode(451), null);
            }
            return RecordingProvider.accept(message, attempt);
        });

        SendResult result = notifier.server("eu-1").sendEmail(email("Hi"));

        assertThat(result.attempts()).isEqualTo(3);
        assertThat(result.status()).isEqualTo(SendStatus.ACCEPTED);
        List<String> ids = smtp.attempts().stream().map(a -> a.email().messageId().orElseThrow()).toList();
        assertThat(ids).hasSize(3).containsOnly(ids.get(0));
        assertThat(result.messageId()).contains(ids.get(0));
    }

    @Test
    void permanentFailureIsNotRetried() {
        notifier();
        smtp.behaviour((message, attempt) -> {
            throw new PermanentDeliveryException("550 mailbox unavailable",
                    DeliveryException.Details.of().replyCode(550), null);
        });

        PermanentDeliveryException e = catchThrowableOfType(PermanentDeliveryException.class,
                () -> notifier.server("eu-1").sendEmail(email("Hi")));

        assertThat(smtp.attempts()).hasSize(1);
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.replyCode()).hasValue(550);
        assertThat(e.server()).contains("eu-1");
        assertThat(e.providerId()).contains("smtp");
    }

    @Test
    void settingsErrorFromTheProviderIsNotRetriedAndCarriesTheServer() {
        notifier("email.smtp.auth.enabled=true", "email.smtp.auth.username=portal", "email.smtp.auth.password=wrong");
        smtp.behaviour((message, attempt) -> {
            throw new SettingsException(List.of(new Problem("email.smtp.auth.password", "535 authentication failed")));
        });

        SettingsException e = catchThrowableOfType(SettingsException.class,
                () -> notifier.server("eu-1").sendEmail(email("Hi")));

        assertThat(smtp.attempts()).hasSize(1);
        assertThat(e.server()).contains("eu-1");
        assertThat(e.providerId()).contains("smtp");
        assertThat(e.problems()).extracting(Problem::key).containsExactly("email.smtp.auth.password");
    }

    @Test
    void invalidSettingsThrowBeforeAnySenderIsBuilt() {
        notifier("servers.eu-1.email.smtp.host=", "servers.eu-1.email.smtp.port=2525");

        SettingsException e = catchThrowableOfType(SettingsException.class,
                () -> notifier.server("eu-1").sendEmail(email("Hi")));

        assertThat(e.server()).contains("eu-1");
        assertThat(e.problems()).extracting(Problem::key).containsExactly("servers.eu-1.email.smtp.host");
        assertThat(smtp.senders()).isEmpty();
        assertThat(notifier.server("us-1").sendEmail(email("Hi")).isAccepted()).isTrue();
    }

    @Test
    void retryStopsAtMaxAttempts() {
        notifier("email.retry.max-attempts=2");
        smtp.behaviour((message, attempt) -> {
            throw new TransientDeliveryException("421 busy");
        });

        TransientDeliveryException e = catchThrowableOfType(TransientDeliveryException.class,
                () -> notifier.server("eu-1").sendEmail(email("Hi")));

        assertThat(smtp.attempts()).hasSize(2);
        assertThat(e.attempts()).isEqualTo(2);
        assertThat(e.server()).contains("eu-1");
    }

    @Test
    void retryWaitsAsLongAsTheServerAsksWithRetryAfter() {
        RecordingScheduler time = new RecordingScheduler();
        notifier(Notifier.builder().scheduler(time), "email.retry.initial-delay=10ms");
        smtp.behaviour((message, attempt) -> {
            if (attempt == 1) {
                throw new TransientDeliveryException("429 too many requests",
                        DeliveryException.Details.of().replyCode(429).retryAfter(Duration.ofMillis(200)), null);
            }
            return RecordingProvider.accept(message, attempt);
        });

        notifier.global().sendEmail(email("Hi"));

        assertThat(smtp.attempts()).hasSize(2);
        assertThat(time.waits()).containsExactly(Duration.ofMillis(200));
    }

    @Test
    void retryAfterIsCappedAtMaxDelay() {
        RecordingScheduler time = new RecordingScheduler();
        notifier(Notifier.builder().scheduler(time), "email.retry.max-delay=50ms");
        smtp.behaviour((message, attempt) -> {
            if (attempt == 1) {
                throw new TransientDeliveryException("503 unavailable",
                        DeliveryException.Details.of().retryAfter(Duration.ofHours(1)), null);
            }
            return RecordingProvider.accept(message, attempt);
        });

        SendResult result = notifier.global().sendEmail(email("Hi"));

        assertThat(result.attempts()).isEqualTo(2);
        assertThat(time.waits()).containsExactly(Duration.ofMillis(50));
    }

    @Test
    void retryAfterOfCenturiesIsCappedNotAnOverflow() {
        RecordingScheduler time = new RecordingScheduler();
        notifier(Notifier.builder().scheduler(time), "email.retry.max-delay=50ms");
        smtp.behaviour((message, attempt) -> {
            if (attempt == 1) {
                throw new TransientDeliveryException("429 too many requests", DeliveryException.Details.of()
                        .retryAfter(Duration.ofSeconds(Long.MAX_VALUE)), null);
            }
            return RecordingProvider.accept(message, attempt);
        });

        SendResult result = notifier.global().sendEmail(email("Hi"));

        assertThat(result.attempts()).isEqualTo(2);
        assertThat(time.waits()).containsExactly(Duration.ofMillis(50));
    }

    @Test
    void noAttemptStartsAfterMaxTime() {
        notifier("email.retry.initial-delay=400ms", "email.retry.max-time=100ms");
        smtp.behaviour((message, attempt) -> {
            throw new TransientDeliveryException("421 busy");
        });

        TransientDeliveryException e = catchThrowableOfType(TransientDeliveryException.class,
                () -> notifier.global().sendEmail(email("Hi")));

        assertThat(e.attempts()).isEqualTo(1);
        assertThat(smtp.attempts()).hasSize(1);
    }

    @Test
    void asyncSendCompletesOnANotifierThread() throws Exception {
        notifier();
        List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        smtp.behaviour((message, attempt) -> {
            threads.add(Thread.currentThread().getName());
            return RecordingProvider.accept(message, attempt);
        });

        SendResult result = notifier.server("eu-1").sendEmailAsync(email("Hi")).get(5, TimeUnit.SECONDS);

        assertThat(result.status()).isEqualTo(SendStatus.ACCEPTED);
        assertThat(threads).singleElement().satisfies(name -> assertThat(name).startsWith("notify-"));
    }

    @Test
    void asyncFailureCompletesTheFutureExceptionally() {
        notifier();
        smtp.behaviour((message, attempt) -> {
            throw new PermanentDeliveryException("550 no such user");
        });

        CompletableFuture<SendResult> future = notifier.server("eu-1").sendEmailAsync(email("Hi"));

        assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(PermanentDeliveryException.class);
    }

    @Test
    void fullAsyncQueueRejectsTheCallItself() throws Exception {
        notifier(Notifier.builder().asyncThreads(1).asyncQueueCapacity(1));
        CountDownLatch started = new CountDownLatch(1);
        smtp.behaviour(blockUntilReleased(started));
        CompletableFuture<SendResult> running = notifier.global().sendEmailAsync(email("running"));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<SendResult> queued = notifier.global().sendEmailAsync(email("queued"));

        assertThatThrownBy(() -> notifier.global().sendEmailAsync(email("one too many")))
                .isInstanceOf(SendRejectedException.class)
                .hasMessageContaining("queue is full");

        release.countDown();
        assertThat(running.get(5, TimeUnit.SECONDS).isAccepted()).isTrue();
        assertThat(queued.get(5, TimeUnit.SECONDS).isAccepted()).isTrue();
        assertThat(smtp.attempts()).extracting(a -> a.email().subject()).containsExactly("running", "queued");
    }

    @Test
    void closeWaitsForQueuedSendsToFinish() throws Exception {
        notifier(Notifier.builder().asyncThreads(1).asyncQueueCapacity(5));
        CountDownLatch started = new CountDownLatch(1);
        smtp.behaviour(blockUntilReleased(started));
        CompletableFuture<SendResult> running = notifier.global().sendEmailAsync(email("running"));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<SendResult> queued = notifier.global().sendEmailAsync(email("queued"));

        CompletableFuture<List<Message>> shutdown = CompletableFuture.supplyAsync(() -> notifier.shutdown(Duration.ofSeconds(10)));
        awaitClosed(notifier);
        release.countDown();

        assertThat(shutdown.get(10, TimeUnit.SECONDS)).isEmpty();
        assertThat(running.get(1, TimeUnit.SECONDS).isAccepted()).isTrue();
        assertThat(queued.get(1, TimeUnit.SECONDS).isAccepted()).isTrue();
        assertThat(smtp.attempts()).extracting(a -> a.email().subject()).containsExactly("running", "queued");
    }

    @Test
    void closeReturnsUndeliveredMessagesAndLeavesNoNotifierThreads() throws Exception {
        Set<Thread> before = Threads.notifyThreads();
        notifier(Notifier.builder().asyncThreads(1).asyncQueueCapacity(5));
        CountDownLatch started = new CountDownLatch(1);
        smtp.behaviour(blockUntilReleased(started));
        EmailMessage running = email("running");
        EmailMessage queued = email("queued");
        notifier.global().sendEmailAsync(running);
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<SendResult> queuedFuture = notifier.global().sendEmailAsync(queued);

        List<Message> undelivered = notifier.shutdown(Duration.ofMillis(50));

        assertThat(undelivered).containsExactlyInAnyOrder(running, queued);
        assertThatThrownBy(() -> queuedFuture.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(SendRejectedException.class);
        assertThat(Threads.aliveAfterJoin(before)).isEmpty();
        assertThat(smtp.senders()).allSatisfy(s -> assertThat(s.isClosed()).isTrue());
    }

    @RepeatedTest(20)
    void sendInterruptedByCloseIsReportedUndelivered() throws Exception {
        notifier(Notifier.builder().asyncThreads(1), "email.retry.max-attempts=1");
        CountDownLatch started = new CountDownLatch(1);
        smtp.behaviour(blockUntilReleased(started));
        EmailMessage running = email("running");
        CompletableFuture<SendResult> future = notifier.global().sendEmailAsync(running);
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        List<Message> undelivered = notifier.shutdown(Duration.ZERO);

        assertThat(undelivered).containsExactly(running);
        assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(TransientDeliveryException.class);
    }

    @Test
    void closeReleasesEverySender() {
        notifier();
        notifier.server("eu-1").sendEmail(email("Hi"));

        notifier.close();
        notifier.close();

        assertThat(smtp.senders()).singleElement().satisfies(s -> assertThat(s.isClosed()).isTrue());
    }

    @Test
    void sendsAfterCloseAreRejected() {
        notifier();
        notifier.close();

        assertThatThrownBy(() -> notifier.global().sendEmail(email("Hi"))).isInstanceOf(SendRejectedException.class);
        assertThatThrownBy(() -> notifier.global().sendEmailAsync(email("Hi"))).isInstanceOf(SendRejectedException.class);
        assertThat(smtp.attempts()).isEmpty();
    }

    @Test
    void testEmailNamesTheServerAndTheDeliveryMethod() {
        notifier();

        SendResult result = notifier.server("eu-1").sendTestEmail("admin@example.com");

        EmailMessage sent = smtp.attempts().get(0).email();
        assertThat(result.isAccepted()).isTrue();
        assertThat(sent.to()).containsExactly(EmailAddress.parse("admin@example.com"));
        assertThat(sent.subject()).contains("server eu-1");
        assertThat(sent.text()).hasValueSatisfying(text -> assertThat(text)
                .contains("server eu-1").contains("Delivery method: smtp"));
    }

    @Test
    void testEmailForTheGlobalSettingsSaysSo() {
        notifier();

        notifier.global().sendTestEmail("admin@example.com");

        assertThat(smtp.attempts().get(0).email().subject()).contains("global settings");
    }

    @Test
    void smsGoesToTheSmsProviderOfTheServer() {
        RecordingProvider sms = RecordingProvider.sms("recording-sms");
        notifier(Notifier.builder().provider(sms), "sms.enabled=true", "sms.delivery-method=recording-sms");

        SendResult result = notifier.server("eu-1").sendSms(SmsMessage.of("+1 555 010 1234", "Your code is 1234"));

        assertThat(result.status()).isEqualTo(SendStatus.ACCEPTED);
        assertThat(result.channel()).isEqualTo(Channel.SMS);
        assertThat(result.providerId()).contains("recording-sms");
        assertThat(sms.attempts()).singleElement()
                .satisfies(a -> assertThat(((SmsMessage) a.message()).phoneNumber()).isEqualTo("+15550101234"));
        assertThat(smtp.attempts()).isEmpty();
    }

    @Test
    void smsProviderGetsANationalNumberInE164WithTheDefaultCountryCode() {
        RecordingProvider sms = RecordingProvider.sms("recording-sms");
        notifier(Notifier.builder().provider(sms), "sms.enabled=true", "sms.delivery-method=recording-sms",
                "sms.default-country-code=44");

        SendResult result = notifier.global().sendSms(SmsMessage.of("07700 900123", "national"));

        assertThat(result.status()).isEqualTo(SendStatus.ACCEPTED);
        assertThat(sms.attempts()).singleElement()
                .satisfies(a -> assertThat(((SmsMessage) a.message()).phoneNumber()).isEqualTo("+447700900123"));
    }

    @Test
    void smsOverMaxSegmentsIsRefusedBeforeTheProviderSeesIt() {
        RecordingProvider sms = RecordingProvider.sms("recording-sms");
        notifier(Notifier.builder().provider(sms), "sms.enabled=true", "sms.delivery-method=recording-sms",
                "sms.max-segments=1");

        InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class,
                () -> notifier.global().sendSms(SmsMessage.of("+44 7700 900123", "x".repeat(161))));

        assertThat(e.problems()).extracting(Problem::key).containsExactly("text");
        assertThat(sms.attempts()).isEmpty();
    }

    @Test
    void smsWithANumberWithoutCountryCodeIsRefusedBeforeTheProviderSeesIt() {
        RecordingProvider sms = RecordingProvider.sms("recording-sms");
        notifier(Notifier.builder().provider(sms), "sms.enabled=true", "sms.delivery-method=recording-sms");

        InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class,
                () -> notifier.global().sendSms(SmsMessage.of("555 010 1234", "no country code")));

        assertThat(e.problems()).extracting(Problem::key).containsExactly("phone-number");
        assertThat(sms.attempts()).isEmpty();
    }

    @Test
    void serverIdIsChecked() {
        notifier();

        assertThatThrownBy(() -> notifier.server("eu 1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'eu 1'");
    }

    @Test
    void checkUsesTheServersSenderAndSendsNothing() {
        notifier("servers.eu-1.email.smtp.host=relay-eu.example.com");

        CheckReport report = notifier.server("eu-1").check();

        assertThat(report.ok()).isTrue();
        assertThat(report.item("host")).contains("relay-eu.example.com");
        assertThat(smtp.attempts()).isEmpty();
    }

    private static void awaitClosed(Notifier notifier) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            try {
                notifier.global().check();
            } catch (SendRejectedException closed) {
                return;
            }
            Thread.sleep(1);
        }
        throw new AssertionError("the notifier did not start closing");
    }
}
