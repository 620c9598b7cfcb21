package dev.notify.reliability.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.notify.InvalidMessageException;
import dev.notify.Notifier;
import dev.notify.NotifyException;
import dev.notify.Problem;
import dev.notify.SettingsException;
import dev.notify.message.Attachment;
import dev.notify.message.EmailMessage;
import dev.notify.message.SmsMessage;
import dev.notify.reliability.support.FaultSettings;
import dev.notify.reliability.support.FaultySmtpServer;
import dev.notify.reliability.support.KnownSecrets;
import dev.notify.reliability.support.SecretScan;
import dev.notify.settings.Layer;
import dev.notify.settings.PropertiesFormat;
import dev.notify.settings.Settings;
import dev.notify.sms.SmsGatewayProvider;
import dev.notify.smtp.SmtpSenderProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input across message builders, properties and the SMS path, each refused with an error naming the field or
 * the full settings key, before any connection is opened (the SMTP server behind the SMS cases counts none).
 * Secret values put where they do not belong never appear in the error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputCorpusTest {

    private static final String SERVER = "servers.eu-1.";

    @RegisterExtension
    final SecretScan scan = new SecretScan();

    private FaultySmtpServer server;
    private Notifier notifier;
    private Path dir;

    @BeforeAll
    void start() throws IOException {
        server = FaultySmtpServer.plain().account(KnownSecrets.USER, KnownSecrets.PASSWORD);
        Layer layer = FaultSettings.smtp(server.port())
                .set("sms.enabled", "true")
                .set("sms.email-gateway.sender", "sms@notify.example")
                .set("sms.email-gateway.destination-domain", "sms.example.net")
                .build();
        notifier = Notifier.builder().settings(Settings.of(layer)).provider(new SmtpSenderProvider())
                .provider(new SmsGatewayProvider()).discoverProviders(false).build();
        dir = Files.createTempDirectory("notify-corpus");
        Files.writeString(dir.resolve("huge-secret.txt"), "s".repeat(70 * 1024), StandardCharsets.UTF_8);
    }

    @AfterAll
    void stop() throws IOException {
        notifier.close();
        server.close();
        Files.deleteIfExists(dir.resolve("huge-secret.txt"));
        Files.deleteIfExists(dir);
    }

    private record Case(String name, ThrowingCallable action, Class<? extends NotifyException> type, String key) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static EmailMessage.Builder valid() {
        return EmailMessage.builder().to("alice@notify.example").subject("Hello").text("Hi");
    }

    private static Case message(String name, String field, Function<EmailMessage.Builder, EmailMessage.Builder> change) {
        return new Case(name, () -> change.apply(valid()).build(), InvalidMessageException.class, field);
    }

    private static Case to(String name, String address) {
        return new Case("to: " + name, () -> EmailMessage.builder().to(address).subject("s").text("t").build(),
                InvalidMessageException.class, "to[0]");
    }

    private Case property(String name, String key, String value) {
        return new Case(key + ": " + name, () -> PropertiesFormat.standard()
                .withEnvironment(variable -> null).withBaseDirectory(dir)
                .parse(Map.of("email.enabled", "true", SERVER + key, value)), SettingsException.class, SERVER + key);
    }

    private Case sms(String name, String number, String text) {
        return new Case("sms: " + name, () -> notifier.global().sendSms(SmsMessage.of(number, text)),
                InvalidMessageException.class, "phone-number");
    }

    private Case smsText(String name, String text) {
        return new Case("sms text: " + name, () -> notifier.global().sendSms(SmsMessage.of("+1 555 010 1234", text)),
                InvalidMessageException.class, "text");
    }

    Stream<Arguments> corpus() {
        List<Case> cases = List.of(
                // Addresses
                to("CR LF and a smuggled RCPT", "alice@notify.example\r\nRCPT TO:<mallory@evil.example>"),
                to("bare LF", "alice@notify.example\nbob@notify.example"),
                to("NUL", "alice\0@notify.example"),
                to("U+2028 line separator", "alice@notify.example\u2028"),
                to("U+010A truncates to LF (CVE-2025-7962 class)", "alice\u010A@notify.example"),
                to("U+010D truncates to CR in the domain", "alice@notify\u010D.example"),
                to("two addresses in one value", "alice@notify.example, bob@notify.example"),
                to("no @", "alice.notify.example"),
                to("space in the local part", "ali ce@notify.example"),
                to("non-ASCII local part (no SMTPUTF8)", "zoë@notify.example"),
                to("single-label domain", "root@localhost"),
                to("quoted local part", "\"alice smith\"@notify.example"),
                to("source route", "<@relay.example:alice@notify.example>"),
                to("display name with CR", "Alice\rBcc: mallory@evil.example <alice@notify.example>"),
                to("empty", " "),
                message("from display name with LF", "from", b -> b.from("Portal\n <portal@notify.example>")),
                message("second cc bad", "cc[1]", b -> b.cc("ok@notify.example", "bad@")),
                message("bcc with tab", "bcc[0]", b -> b.bcc("\tbob@notify.example")),
                message("reply-to two addresses", "reply-to[0]", b -> b.replyTo("a@notify.example; b@notify.example")),
                new Case("no recipient", () -> EmailMessage.builder().subject("s").text("t").build(),
                        InvalidMessageException.class, "to"),
                // Headers
                message("header value with CR LF", "header[X-Ticket]",
                        b -> b.header("X-Ticket", "42\r\nBcc: mallory@evil.example")),
                message("header value with NUL", "header[X-Ticket]", b -> b.header("X-Ticket", "42\0")),
                message("header value with U+0085", "header[X-Ticket]", b -> b.header("X-Ticket", "42\u0085")),
                message("header name with colon", "header[X-Bad:Name]", b -> b.header("X-Bad:Name", "v")),
                message("header name with space", "header[X Bad]", b -> b.header("X Bad", "v")),
                message("reserved header Bcc", "header[Bcc]", b -> b.header("Bcc", "mallory@evil.example")),
                message("reserved header Content-Type", "header[Content-Type]",
                        b -> b.header("Content-Type", "text/html")),
                message("subject with LF", "subject", b -> b.subject("Hello\nBcc: mallory@evil.example")),
                message("subject with U+2029", "subject", b -> b.subject("Hello\u2029")),
                message("subject missing", "subject", b -> b.subject(null)),
                message("Message-ID with CR LF", "message-id", b -> b.messageId("<a@b.example>\r\nBcc: x@y.example")),
                message("Message-ID without brackets", "message-id", b -> b.messageId("a@b.example")),
                // Bodies and attachments
                message("no body", "body", b -> b.text(null)),
                message("inline content id twice", "attachment.content-id", b -> b.html("<img src=cid:logo>")
                        .attach(Attachment.inline("logo", "a.png", "image/png", new byte[] {1}))
                        .attach(Attachment.inline("logo", "b.png", "image/png", new byte[] {2}))),
                new Case("attachment name is a path", () -> Attachment.of("../../etc/passwd", "text/plain",
                        new byte[] {1}), InvalidMessageException.class, "attachment.name"),
                new Case("attachment name with CR LF", () -> Attachment.of("a.txt\r\nContent-Type: text/html",
                        "text/plain", new byte[] {1}), InvalidMessageException.class, "attachment.name"),
                // Hosts and ports
                property("host with a port", "email.smtp.host", "smtp.example.com:25"),
                property("host with a scheme", "email.smtp.host", "smtp://smtp.example.com"),
                property("host with CR LF", "email.smtp.host", "smtp.example.com\r\nEHLO evil"),
                property("host with underscore", "email.smtp.host", "smtp_relay.example.com"),
                property("host label starting with '-'", "email.smtp.host", "-smtp.example.com"),
                property("IPv4 out of range", "email.smtp.host", "300.1.1.1"),
                property("bad IPv6 literal", "email.smtp.host", "[zz::1]"),
                property("port 0", "email.smtp.port", "0"),
                property("port 70000", "email.smtp.port", "70000"),
                property("port in words", "email.smtp.port", "twenty-five"),
                property("negative port", "email.smtp.port", "-25"),
                property("zero connect timeout", "email.smtp.connect-timeout", "0s"),
                property("unknown duration unit", "email.smtp.read-timeout", "10 parsecs"),
                property("sender with CR LF", "email.sender", "portal@notify.example\r\nBcc: x@evil.example"),
                property("IP as SMS gateway domain", "sms.email-gateway.destination-domain", "127.0.0.1"),
                property("retry attempts 0", "email.retry.max-attempts", "0"),
                // Secret references
                property("unset environment variable", "email.smtp.auth.password", "${env:NOTIFY_NO_SUCH_VARIABLE}"),
                property("environment reference without a name", "email.smtp.auth.password", "${env:}"),
                property("file reference without a path", "email.graph.client-secret", "${file:}"),
                property("missing file", "email.graph.client-secret", "${file:no-such-secret.txt}"),
                property("file over 64 KiB", "email.graph.client-secret", "${file:huge-secret.txt}"),
                property("unknown reference kind", "email.smtp.auth.password", "${vault:smtp/password}"),
                property("secret under a mistyped key", "email.smtp.auth.pasword", KnownSecrets.PASSWORD),
                property("secret under a mistyped graph key", "email.graph.client-secrt", KnownSecrets.CLIENT_SECRET),
                // Phone numbers and SMS text, through notify-sms
                sms("letters", "+1 555 CALL NOW", "hi"),
                sms("empty", "", "hi"),
                sms("line break", "555\n0101", "hi"),
                sms("'+' inside", "12+3456789", "hi"),
                sms("nested parentheses", "((555)) 010-1234", "hi"),
                sms("16 digits", "+1234567890123456", "hi"),
                sms("too short", "+12345", "hi"),
                sms("national without default country code", "555 010 1234", "hi"),
                sms("North American number with 9 digits", "+1 555 010 123", "hi"),
                sms("country code 0", "+0 555 010 1234", "hi"),
                sms("unassigned country code +999", "+999 1234 5678", "hi"),
                smsText("control character", "code \u0007 1234"),
                smsText("longer than sms.max-segments", "x".repeat(161)));
        return cases.stream().map(c -> Arguments.of(c.name(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void badInputIsRefusedNamingItsFieldBeforeAnyConnection(String name, Case c) {
        Throwable thrown = catchThrowable(c.action());

        scan.scan(thrown);
        assertThat(thrown).as(name).isInstanceOf(c.type());
        List<Problem> problems = thrown instanceof SettingsException s ? s.problems()
                : ((InvalidMessageException) thrown).problems();
        assertThat(problems).as(name).extracting(Problem::key).contains(c.key());
        assertThat(server.connections()).as("connections opened").isZero();
    }
}
