package dev.notify.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.notify.InvalidMessageException;
import dev.notify.Problem;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MessageValidationTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

    private static EmailMessage.Builder valid() {
        return EmailMessage.builder().to("alice@example.com").subject("Your report").text("It is ready.");
    }

    static Stream<Arguments> badMessages() {
        return Stream.of(
                arguments("no recipient", (Supplier<?>) () -> EmailMessage.builder().subject("s").text("t").build(),
                        "to", "at least one recipient"),
                arguments("bad address in to[1]", (Supplier<?>) () -> valid().to("not-an-address", "bob@example.com").build(),
                        "to[1]", "no '@'"),
                arguments("bad address in cc[0]", (Supplier<?>) () -> valid().cc("carol@@example.com").build(),
                        "cc[0]", "local part"),
                arguments("bad address in bcc[0]", (Supplier<?>) () -> valid().bcc("dave@example").build(),
                        "bcc[0]", "is not a valid host name"),
                arguments("bad from", (Supplier<?>) () -> valid().from("Support <>").build(), "from", "must not be empty"),
                arguments("bad reply-to", (Supplier<?>) () -> valid().replyTo("a b@example.com").build(), "reply-to[0]",
                        "local part"),
                arguments("CR in subject", (Supplier<?>) () -> valid().subject("Hello\r\nBcc: victim@example.com").build(),
                        "subject", "carriage return"),
                arguments("LF in subject", (Supplier<?>) () -> valid().subject("Hello\nBcc: victim@example.com").build(),
                        "subject", "line feed"),
                arguments("no subject", (Supplier<?>) () -> EmailMessage.builder().to("a@example.com").text("t").build(),
                        "subject", "must be set"),
                arguments("LF in display name", (Supplier<?>) () -> valid().to("Alice\nBcc: x@example.com <alice@example.com>")
                        .build(), "to[1]", "line feed"),
                arguments("LF in extra header value", (Supplier<?>) () -> valid().header("X-Ticket", "42\nBcc: x@example.com")
                        .build(), "header[X-Ticket]", "line feed"),
                arguments("reserved header name", (Supplier<?>) () -> valid().header("Bcc", "x@example.com").build(),
                        "header[Bcc]", "is set by notify itself"),
                arguments("reserved header name in other case", (Supplier<?>) () -> valid().header("message-ID", "<a@b.c>")
                        .build(), "header[message-ID]", "is set by notify itself"),
                arguments("header name with a colon", (Supplier<?>) () -> valid().header("X-A: b", "c").build(),
                        "header[X-A: b]", "name must be"),
                arguments("no body", (Supplier<?>) () -> EmailMessage.builder().to("a@example.com").subject("s").build(),
                        "body", "a text or an HTML body"),
                arguments("bad message id", (Supplier<?>) () -> valid().messageId("no-brackets@example.com").build(),
                        "message-id", "<unique@domain>"),
                arguments("bad attachment content type",
                        (Supplier<?>) () -> Attachment.of("report.pdf", "pdf", new byte[1]), "attachment.content-type",
                        "'type/subtype'"),
                arguments("attachment content type with LF",
                        (Supplier<?>) () -> Attachment.of("report.pdf", "application/pdf\nX-Evil: 1", new byte[1]),
                        "attachment.content-type", "line feed"),
                arguments("attachment content type with CR LF in a quoted parameter",
                        (Supplier<?>) () -> Attachment.of("notes.txt", "text/plain; charset=\"x\r\nBcc: y\"", new byte[1]),
                        "attachment.content-type", "carriage return"),
                arguments("attachment content type with NUL in a quoted parameter",
                        (Supplier<?>) () -> Attachment.of("notes.txt", "text/plain; charset=\"x\0y\"", new byte[1]),
                        "attachment.content-type", "NUL"),
                arguments("attachment content type with LF before a parameter",
                        (Supplier<?>) () -> Attachment.of("notes.txt", "text/plain\n; charset=UTF-8", new byte[1]),
                        "attachment.content-type", "line feed"),
                arguments("attachment content type ending in CR LF",
                        (Supplier<?>) () -> Attachment.of("notes.txt", "text/plain\r\n", new byte[1]),
                        "attachment.content-type", "carriage return"),
                arguments("attachment name with a path",
                        (Supplier<?>) () -> Attachment.of("../etc/passwd", "text/plain", new byte[1]), "attachment.name",
                        "not a path"),
                arguments("attachment name with CR",
                        (Supplier<?>) () -> Attachment.of("a\r.txt", "text/plain", new byte[1]), "attachment.name",
                        "carriage return"),
                arguments("inline part content id with angle brackets",
                        (Supplier<?>) () -> Attachment.inline("<logo>", "logo.png", "image/png", PNG),
                        "attachment.content-id", "without angle brackets"),
                arguments("duplicate content id", (Supplier<?>) () -> valid().html("<img src=\"cid:logo\">")
                        .attach(Attachment.inline("logo", "logo.png", "image/png", PNG))
                        .attach(Attachment.inline("logo", "logo2.png", "image/png", PNG)).build(),
                        "attachment.content-id", "'logo' is used twice"),
                arguments("SMS empty phone", (Supplier<?>) () -> SmsMessage.of(" ", "Your code is 1234"), "phone-number",
                        "must not be empty"),
                arguments("SMS letters in phone", (Supplier<?>) () -> SmsMessage.of("+1 555 CALL NOW", "hi"),
                        "phone-number", "only digits"),
                arguments("SMS empty text", (Supplier<?>) () -> SmsMessage.of("+15550101234", ""), "text",
                        "must not be empty"),
                arguments("SMS control character", (Supplier<?>) () -> SmsMessage.of("+15550101234", "code\u0007 1234"),
                        "text", "U+0007"),
                arguments("U+010D in an address (low byte CR)", (Supplier<?>) () -> valid().to("bob\u010D@example.com").build(),
                        "to[1]", "U+010D"),
                arguments("U+010A in an address domain (low byte LF)",
                        (Supplier<?>) () -> valid().cc("bob@exam\u010Aple.com").build(), "cc[0]", "U+010A"),
                arguments("unicode line separator in subject",
                        (Supplier<?>) () -> valid().subject("a\u2028b").build(), "subject", "U+2028"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badMessages")
    void errorNamesTheOffendingField(String description, Supplier<?> build, String field, String message) {
        InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class, build::get);

        assertThat(e).as(description).isNotNull();
        assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.key()).isEqualTo(field);
            assertThat(p.message()).contains(message);
        });
        assertThat(e.getMessage()).contains(field + ": ");
    }

    @Test
    void everyProblemOfAMessageIsReportedAtOnce() {
        InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class, () -> EmailMessage.builder()
                .to("ok@example.com", "broken")
                .subject("a\nb")
                .header("From", "x@example.com")
                .build());

        assertThat(e.problems()).extracting(Problem::key).containsExactly("to[1]", "subject", "body", "header[From]");
    }

    @Test
    void smsReportsPhoneAndTextTogether() {
        InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class, () -> SmsMessage.of("abc", ""));

        assertThat(e.problems()).extracting(Problem::key).containsExactly("phone-number", "text");
    }

    @Test
    void validMessagesBuild() {
        assertThatCode(() -> valid()
                .cc("Carol <carol@example.com>").bcc("dave@example.com").replyTo("replies@example.com")
                .html("<p>Hi <img src=\"cid:logo\"></p>")
                .attach(Attachment.of("report.pdf", "application/pdf", new byte[] {1, 2}))
                .attach(Attachment.of("notes.txt", "text/plain; charset=UTF-8", "x".getBytes(StandardCharsets.UTF_8)))
                .attach(Attachment.inline("logo", "logo.png", "image/png", PNG))
                .header("X-Ticket-Id", "42")
                .messageId("<abc123@example.com>")
                .build()).doesNotThrowAnyException();
        assertThatCode(() -> SmsMessage.of("+1 (555) 010-1234", "Your code is 1234\nValid 5 minutes"))
                .doesNotThrowAnyException();
    }

    @Test
    void smsKeepsTheNumberAsTypedWithoutSurroundingSpaces() {
        assertThat(SmsMessage.of("  +1 (555) 010-1234 ", "hi").phoneNumber()).isEqualTo("+1 (555) 010-1234");
    }

    @Test
    void builderIsATemplate() {
        EmailMessage.Builder template = valid();
        EmailMessage first = template.build();

        EmailMessage second = template.to("bob@example.com").build();

        assertThat(first.to()).hasSize(1);
        assertThat(second.to()).hasSize(2);
    }

    @Test
    void attachmentContentIsCopied() {
        byte[] content = {1, 2, 3};
        Attachment attachment = Attachment.of("a.bin", "application/octet-stream", content);

        content[0] = 9;
        attachment.content()[1] = 9;

        assertThat(attachment.content()).containsExactly(1, 2, 3);
    }
}
