package dev.notify.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.message.Attachment;
import dev.notify.message.EmailMessage;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bytes of every shape of message, compared with files recorded from Jakarta Mail's own rendering of the same
 * messages (its MimeBodyPart and MimeMultipart objects written by MimeMessage.writeTo); only the multipart
 * boundaries, which are unique per message, are replaced by their order of appearance.
 */
class MimeBytesTest {

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-04T05:06:07Z"), ZoneOffset.UTC);
    private static final Pattern BOUNDARY = Pattern.compile("----=_Part_\\d+_\\d+\\.\\d+");
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3, '\r', '\n', '.', '\n'};
    private static final byte[] PDF = "%PDF-1.4 résumé".getBytes(StandardCharsets.UTF_8);

    static Stream<Arguments> messages() {
        Map<String, EmailMessage.Builder> m = new LinkedHashMap<>();
        m.put("text-7bit", base().text("Hello,\r\nyour report is ready.\r\n"));
        m.put("text-bare-line-ends-and-dots", base().text("one\ntwo\rthree\r\n.\r\n..\n.\nend."));
        m.put("text-quoted-printable", base().text("Grüße aus Köln, with a trailing space "));
        m.put("text-quoted-printable-trailing-tab", base().text("Größe\t"));
        m.put("text-base64", base().text("日本語のテキスト、絵文字 😀"));
        m.put("text-long-line", base().text("x".repeat(1200) + "\r\nshort"));
        m.put("text-lone-surrogate", base().text("broken \uD800 pair and \uDC00 more"));
        m.put("text-empty", base().text(""));
        m.put("html-only", base().html("<b>Grüße</b>"));
        m.put("text-and-html", base().text("See the report. ").html("<p>See the report.</p>"));
        m.put("html-with-inline-image", base().html("<img src=\"cid:logo\">")
                .attach(Attachment.inline("logo", "logo.png", "image/png", PNG)));
        m.put("inline-image-without-html", base().text("no html")
                .attach(Attachment.inline("logo", "logo.png", "image/png", PNG)));
        m.put("text-with-attachments", base().text("Attached.")
                .attach(Attachment.of("Résumé 2025 – final.pdf", "application/pdf", PDF))
                .attach(Attachment.of("notes.txt", "text/plain", "plain ascii\r\n".getBytes(StandardCharsets.UTF_8)))
                .attach(Attachment.of("grüße.txt", "text/plain; charset=UTF-8",
                        "mostly ascii, größe\n".getBytes(StandardCharsets.UTF_8)))
                .attach(Attachment.of("data.csv", "text/csv", ("a,b\n" + "1,2\n".repeat(400)).getBytes(StandardCharsets.US_ASCII)))
                .attach(Attachment.of("empty.bin", "application/octet-stream", new byte[0])));
        m.put("international-headers", base()
                .from("Jürgen Müller <juergen@notify.example>")
                .to("Zoë Ägypten-Straße <zoe@notify.example>")
                .cc("日本 太郎 <taro@notify.example>", "\"Doe, Jane (Support)\" <jane@notify.example>")
                .replyTo("Ünïcödé " + "Långt Namn ".repeat(90) + "<support@notify.example>")
                .subject("Rückfrage zu Ticket 42 — dringend: Grüße aus Köln, und noch viel mehr Text, damit gefaltet wird")
                .header("X-Note", "日本語のメモ " + "x".repeat(1000))
                .text("Hallo"));
        m.put("everything", base()
                .from("Jürgen Müller <juergen@notify.example>")
                .cc("carol@notify.example")
                .replyTo("Support <support@notify.example>")
                .header("X-Ticket-Id", "42")
                .text("See the report. Grüße")
                .html("<p>See the report. <img src=\"cid:logo\"> Grüße</p>")
                .attach(Attachment.inline("logo", "logo.png", "image/png", PNG))
                .attach(Attachment.of("Résumé 2025 – final.pdf", "application/pdf", PDF)));
        return m.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue().build()));
    }

    private static EmailMessage.Builder base() {
        return EmailMessage.builder().from("portal@notify.example").to("zoe@notify.example").subject("Report")
                .messageId("<m1@notify.example>");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void bytesAreThoseJakartaMailWrites(String name, EmailMessage email) throws Exception {
        MimeMessage built = new MimeBuilder(CLOCK).build(email, SESSION);

        assertThat(normalized(written(built))).isEqualTo(recorded(name));
    }

    static String written(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** The boundaries numbered in order of appearance, and their parameter unfolded (its folding depends on its length). */
    static String normalized(String mime) {
        Map<String, String> numbers = new LinkedHashMap<>();
        Matcher m = BOUNDARY.matcher(mime);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String number = numbers.computeIfAbsent(m.group(), b -> "BOUNDARY-" + numbers.size());
            m.appendReplacement(out, number);
        }
        m.appendTail(out);
        return out.toString().replace("; \r\n\tboundary=", "; boundary=");
    }

    private static String recorded(String name) throws IOException {
        try (InputStream in = MimeBytesTest.class.getResourceAsStream("mime/" + name + ".eml")) {
            assertThat(in).as("recorded bytes of " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
