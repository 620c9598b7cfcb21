package dev.notify.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.message.Attachment;
import dev.notify.message.EmailMessage;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The MIME produced, byte for byte where it matters. */
class MimeBuilderTest {

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-04T05:06:07Z"), ZoneOffset.UTC);
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3};
    private static final byte[] PDF = "%PDF-1.4 résumé".getBytes(StandardCharsets.UTF_8);

    @Test
    void headersAreEncodedPerRfc2047AndTheGivenMessageIdIsKept() throws Exception {
        EmailMessage email = EmailMessage.builder()
                .from("Jürgen Müller <juergen@notify.example>")
                .to("Zoë <zoe@notify.example>")
                .cc("carol@notify.example")
                .bcc("audit@notify.example")
                .replyTo("Support <support@notify.example>")
                .subject("Rückfrage zu Ticket 42 — dringend")
                .header("X-Ticket-Id", "42")
                .text("Hallo Zoë")
                .messageId("<abc123@notify.example>")
                .build();

        String mime = write(new MimeBuilder(CLOCK).build(email, SESSION));
        String headers = mime.substring(0, mime.indexOf("\r\n\r\n"));

        assertThat(header(headers, "Message-ID")).isEqualTo("<abc123@notify.example>");
        assertThat(header(headers, "Date")).isEqualTo("Tue, 4 Mar 2025 05:06:07 +0000 (UTC)");
        assertThat(header(headers, "MIME-Version")).isEqualTo("1.0");
        assertThat(header(headers, "From")).matches("=\\?UTF-8\\?[QB]\\?.+\\?= <juergen@notify\\.example>");
        assertThat(MimeUtility.decodeText(header(headers, "From"))).isEqualTo("Jürgen Müller <juergen@notify.example>");
        assertThat(header(headers, "To")).matches("=\\?UTF-8\\?[QB]\\?.+\\?= <zoe@notify\\.example>");
        assertThat(header(headers, "Cc")).isEqualTo("carol@notify.example");
        assertThat(header(headers, "Reply-To")).isEqualTo("Support <support@notify.example>");
        assertThat(header(headers, "Subject")).startsWith("=?UTF-8?").doesNotContain("ü");
        assertThat(MimeUtility.decodeText(header(headers, "Subject").replaceAll("\\r\\n\\s+", " ")))
                .isEqualTo("Rückfrage zu Ticket 42 — dringend");
        assertThat(header(headers, "X-Ticket-Id")).isEqualTo("42");
        assertThat(headers).doesNotContainPattern("(?im)^Bcc:").doesNotContain("audit@");
        assertThat(header(headers, "Content-Type")).isEqualTo("text/plain; charset=UTF-8");
        assertThat(headers).isEqualTo(new String(headers.getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII));
    }

    @Test
    void textHtmlInlineImageAndAttachmentNestAsMixedAlternativeRelated() throws Exception {
        EmailMessage email = EmailMessage.builder()
                .from("portal@notify.example")
                .to("zoe@notify.example")
                .subject("Report")
                .text("See the report.")
                .html("<p>See the report. <img src=\"cid:logo\"></p>")
                .attach(Attachment.inline("logo", "logo.png", "image/png", PNG))
                .attach(Attachment.of("Résumé 2025 – final.pdf", "application/pdf", PDF))
                .messageId("<r1@notify.example>")
                .build();

        MimeMessage message = new MimeBuilder(CLOCK).build(email, SESSION);
        String mime = write(message);
        MimeMessage parsed = new MimeMessage(SESSION, new java.io.ByteArrayInputStream(mime.getBytes(StandardCharsets.ISO_8859_1)));

        assertThat(structure(parsed)).isEqualTo(
                "multipart/mixed[multipart/alternative[text/plain, multipart/related[text/html, image/png]], application/pdf]");
        Multipart mixed = (Multipart) parsed.getContent();
        Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
        Multipart related = (Multipart) alternative.getBodyPart(1).getContent();
        Part image = related.getBodyPart(1);
        assertThat(image.getHeader("Content-ID")).containsExactly("<logo>");
        assertThat(image.getDisposition()).isEqualTo(Part.INLINE);
        assertThat(image.getInputStream().readAllBytes()).isEqualTo(PNG);
        Part pdf = mixed.getBodyPart(1);
        assertThat(pdf.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(pdf.getFileName()).isEqualTo("Résumé 2025 – final.pdf");
        assertThat(pdf.getInputStream().readAllBytes()).isEqualTo(PDF);
        assertThat(mime).contains("filename*=UTF-8''R%C3%A9sum%C3%A9%202025%20%E2%80%93%20final.pdf")
                .contains("name*=UTF-8''R%C3%A9sum%C3%A9%202025%20%E2%80%93%20final.pdf");
        assertThat(mime.chars().allMatch(c -> c < 128)).as("7-bit clean").isTrue();
    }

    @Test
    void htmlOnlyIsASingleHtmlPart() throws Exception {
        EmailMessage email = EmailMessage.builder().from("portal@notify.example").to("zoe@notify.example")
                .subject("Hi").html("<b>Grüße</b>").messageId("<h1@notify.example>").build();

        MimeMessage message = new MimeBuilder(CLOCK).build(email, SESSION);

        assertThat(structure(message)).isEqualTo("text/html");
        assertThat(message.getContentType()).isEqualTo("text/html; charset=UTF-8");
        assertThat(message.getContent()).isEqualTo("<b>Grüße</b>");
    }

    private static String structure(Part part) throws Exception {
        String type = part.getContentType().split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (!part.isMimeType("multipart/*")) {
            return type;
        }
        Multipart multipart = (Multipart) part.getContent();
        StringBuilder b = new StringBuilder(type).append('[');
        for (int i = 0; i < multipart.getCount(); i++) {
            b.append(i == 0 ? "" : ", ").append(structure(multipart.getBodyPart(i)));
        }
        return b.append(']').toString();
    }

    private static String header(String headers, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + ": (.*(?:\\r\\n[ \\t].*)*)").matcher(headers);
        assertThat(m.find()).as("header " + name).isTrue();
        return m.group(1);
    }

    private static String write(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
