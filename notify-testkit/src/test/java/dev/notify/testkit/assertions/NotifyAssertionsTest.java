package dev.notify.testkit.assertions;

import dev.notify.testkit.time.ManualScheduler;
import java.time.Instant;
import java.time.Clock;
import static dev.notify.testkit.assertions.NotifyAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.Channel;
import dev.notify.message.Attachment;
import dev.notify.message.EmailMessage;
import dev.notify.message.SmsMessage;
import dev.notify.settings.Settings;
import dev.notify.spi.EmailSender;
import dev.notify.spi.SmsSender;
import dev.notify.spi.SenderContext;
import dev.notify.testkit.FakeEmailProvider;
import dev.notify.testkit.FakeSmsProvider;
import dev.notify.testkit.Outbox;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NotifyAssertionsTest {

    private final Outbox outbox = new Outbox();
    private final EmailSender email = new FakeEmailProvider(outbox).create(context());
    private final SmsSender sms = new FakeSmsProvider(outbox).create(context());
    private final AtomicInteger ids = new AtomicInteger();

    @Test
    void emptyOutboxHasSentNothing() {
        assertThat(outbox).hasSentNothing().hasSentEmails(0).hasSentSms(0);
    }

    @Test
    void hasSentNothingFailsListingWhatWasSent() {
        sendWelcome("alice@example.com");
        sms.send(SmsMessage.of("+15550101234", "Your code is 123456"));

        assertThatThrownBy(() -> assertThat(outbox).hasSentNothing())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("1 email(s) and 1 SMS were sent")
                .hasMessageContaining("email to [alice@example.com]")
                .hasMessageContaining("subject 'Welcome, Alice'")
                .hasMessageContaining("SMS to +15550101234, text 'Your code is 123456'");
    }

    @Test
    void emailToAddressMatchesEveryConditionOfTheChain() {
        sendWelcome("alice@example.com");

        assertThat(outbox).hasSentEmails(1)
                .hasSentEmailTo("alice@EXAMPLE.com")
                .withSubjectContaining("Welcome")
                .withSubject("Welcome, Alice")
                .withTextContaining("your account")
                .withTextMatching("code \\d{6}")
                .withHtmlContaining("<b>Alice</b>")
                .withAttachmentNamed("guide.pdf")
                .from("noreply@example.com")
                .withHeader("X-Kind", "welcome")
                .once();
    }

    @Test
    void hasSentEmailToFailsListingTheEmailsSent() {
        sendWelcome("alice@example.com");

        assertThatThrownBy(() -> assertThat(outbox).hasSentEmailTo("bob@example.com"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected an email to bob@example.com, but none was sent to it")
                .hasMessageContaining("1. email to [alice@example.com]");
    }

    @Test
    void chainFailsWhenNoSingleEmailMatchesEveryCondition() {
        sendWelcome("alice@example.com");
        email.send(EmailMessage.builder().from("noreply@example.com").to("alice@example.com").subject("Invoice")
                .text("Amount due").messageId(nextId()).build());

        assertThatThrownBy(() -> assertThat(outbox).hasSentEmailTo("alice@example.com")
                .withSubjectContaining("Invoice").withTextContaining("your account"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected an email to alice@example.com with subject containing 'Invoice' "
                        + "and text containing 'your account', but none matched")
                .hasMessageContaining("subject 'Invoice'");
    }

    @Test
    void attachmentNamedFailsListingTheAttachments() {
        sendWelcome("alice@example.com");

        assertThatThrownBy(() -> assertThat(outbox).hasSentEmailTo("alice@example.com").withAttachmentNamed("x.pdf"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("an attachment named 'x.pdf'")
                .hasMessageContaining("attachments [guide.pdf]");
    }

    @Test
    void hasSentEmailsFailsWithTheCountAndTheList() {
        sendWelcome("alice@example.com");
        sendWelcome("bob@example.com");

        assertThatThrownBy(() -> assertThat(outbox).hasSentEmails(1))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected 1 email(s) sent, but 2 were")
                .hasMessageContaining("2. email to [bob@example.com]");
    }

    @Test
    void onceFailsWhenTheSameEmailWentTwice() {
        sendWelcome("alice@example.com");
        sendWelcome("alice@example.com");

        assertThatThrownBy(() -> assertThat(outbox).hasSentEmailTo("alice@example.com").once())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected exactly one email to alice@example.com, but 2 were sent");
    }

    @Test
    void hasSentNoEmailToFailsWhenOneWent() {
        sendWelcome("alice@example.com");

        assertThat(outbox).hasSentNoEmailTo("bob@example.com");
        assertThatThrownBy(() -> assertThat(outbox).hasSentNoEmailTo("alice@example.com"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Expected no email to alice@example.com");
    }

    @Test
    void smsToNumberIsMatchedByDigits() {
        sms.send(SmsMessage.of("+1 (555) 010-1234", "Your code is 123456"));

        assertThat(outbox).hasSentSms(1)
                .hasSentSmsTo("+15550101234")
                .withTextContaining("code")
                .withTextMatching("\\b\\d{6}\\b")
                .once();
        assertThat(outbox).hasSentNoSmsTo("+15550109999");
    }

    @Test
    void hasSentSmsToFailsListingTheSmsSent() {
        sms.send(SmsMessage.of("+15550109999", "Your code is 123456"));

        assertThatThrownBy(() -> assertThat(outbox).hasSentSmsTo("+15550101234"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected an SMS to +15550101234, but none was sent to it")
                .hasMessageContaining("SMS to +15550109999");
    }

    @Test
    void smsTextConditionFailsListingTheSmsToTheNumber() {
        sms.send(SmsMessage.of("+15550101234", "Hello"));

        assertThatThrownBy(() -> assertThat(outbox).hasSentSmsTo("+15550101234").withTextMatching("\\d{6}"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("with text matching /\\d{6}/, but none matched")
                .hasMessageContaining("text 'Hello'");
    }

    @Test
    void failureMessageKeepsPercentSignsOfTheContent() {
        email.send(EmailMessage.builder().from("noreply@example.com").to("a@example.com").subject("100% done %s")
                .text("t").messageId(nextId()).build());

        assertThatThrownBy(() -> assertThat(outbox).hasSentNothing())
                .hasMessageContaining("subject '100% done %s'");
    }

    @Test
    void longListsAreCutInFailureMessages() {
        for (int i = 0; i < 30; i++) {
            sendWelcome("user" + i + "@example.com");
        }

        assertThatThrownBy(() -> assertThat(outbox).hasSentEmails(0))
                .hasMessageContaining("25. email to [user24@example.com]")
                .hasMessageContaining("... and 5 more")
                .hasMessageNotContaining("user25@");
    }

    private void sendWelcome(String to) {
        email.send(EmailMessage.builder()
                .from("noreply@example.com")
                .to(to)
                .subject("Welcome, Alice")
                .text("Hello Alice, your account is ready. Your code 123456.")
                .html("<p>Hello <b>Alice</b></p>")
                .attach(Attachment.of("guide.pdf", "application/pdf", "%PDF".getBytes(StandardCharsets.US_ASCII)))
                .header("X-Kind", "welcome")
                .messageId(nextId())
                .build());
    }

    private String nextId() {
        return "<a" + ids.incrementAndGet() + "@example.com>";
    }

    private static SenderContext context() {
        return new SenderContext(Settings.builder().build().resolveGlobal(), Clock.systemUTC(), ManualScheduler.startingAt(Instant.now()));
    }
}
