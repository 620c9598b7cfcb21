package dev.notify.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.message.Attachment;
import dev.notify.message.EmailMessage;
import dev.notify.smtp.dkim.TestKeys;
import dev.notify.smtp.internal.dkim.DkimSigner;
import dev.notify.smtp.internal.dkim.SigningPolicy;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A signed message reads like the message parsed from the bytes it writes. */
class SignedMimeMessageTest {

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-04T05:06:07Z"), ZoneOffset.UTC);
    private static final List<DkimSigner> SIGNERS = List.of(
            new DkimSigner(TestKeys.ed25519Key("notify.example", "ed1"), SigningPolicy.defaults(), CLOCK),
            new DkimSigner(TestKeys.rsaKey("notify.example", "s2048"), SigningPolicy.defaults(), CLOCK));

    static Stream<EmailMessage> messages() {
        EmailMessage.Builder base = EmailMessage.builder().from("Jürgen Müller <juergen@notify.example>")
                .to("zoe@notify.example").bcc("audit@notify.example").subject("Grüße, Report 42")
                .messageId("<s1@notify.example>");
        return Stream.of(
                base.text("Hello\r\n.\r\nand good bye").build(),
                base.text("See the report.").html("<p>See the report.</p>")
                        .attach(Attachment.of("r.pdf", "application/pdf", new byte[] {1, 2, 3})).build());
    }

    @ParameterizedTest
    @MethodSource("messages")
    void headersAndContentAreThoseOfItsBytes(EmailMessage email) throws Exception {
        MimeMessage signed = SignedMimeMessage.sign(new MimeBuilder(CLOCK).build(email, SESSION), SIGNERS, SESSION);

        byte[] bytes = written(signed);
        MimeMessage parsed = new MimeMessage(SESSION, new ByteArrayInputStream(bytes));
        assertThat(Collections.list(signed.getAllHeaderLines()))
                .containsExactlyElementsOf(Collections.list(parsed.getAllHeaderLines()))
                .first().asString().startsWith("DKIM-Signature: ");
        assertThat(signed.getMessageID()).isEqualTo("<s1@notify.example>");
        assertThat(signed.getFrom()).containsExactly(parsed.getFrom());
        assertThat(signed.getHeader("Bcc")).isNull();
        assertThat(signed.getInputStream().readAllBytes()).isEqualTo(parsed.getInputStream().readAllBytes());
        assertThat(written(signed)).isEqualTo(bytes);
        assertThat(new String(bytes, StandardCharsets.US_ASCII)).doesNotContain("audit@");
    }

    private static byte[] written(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }
}
