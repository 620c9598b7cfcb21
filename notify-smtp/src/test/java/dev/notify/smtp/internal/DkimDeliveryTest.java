package dev.notify.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.SettingsException;
import dev.notify.message.Attachment;
import dev.notify.message.EmailMessage;
import dev.notify.settings.Layer;
import dev.notify.smtp.DkimAlgorithm;
import dev.notify.smtp.DkimCanonicalization;
import dev.notify.smtp.DkimSettingKeys;
import dev.notify.smtp.dkim.IndependentVerifier;
import dev.notify.smtp.dkim.TestKeys;
import dev.notify.smtp.internal.dkim.SigningAlgorithm;
import dev.notify.testkit.smtp.SmtpServerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed mail over real SMTP servers on loopback: the bytes the server received verify with jDKIM, for RSA,
 * Ed25519 and both, for text, HTML, attachments, non-ASCII and long folded headers, over plain SMTP (GreenMail)
 * and STARTTLS (SubEthaSMTP); and they stop verifying once changed.
 */
class DkimDeliveryTest {

    private static final IndependentVerifier VERIFIER = new IndependentVerifier(Map.of(
            "rsa2048._domainkey.notify.example", TestKeys.record(SigningAlgorithm.RSA_SHA256, TestKeys.RSA_2048),
            "ed2025._domainkey.notify.example", TestKeys.record(SigningAlgorithm.ED25519_SHA256, TestKeys.ED25519)));

    @TempDir
    Path keys;

    @Test
    void rsaSignaturesOfEveryKindOfMessageVerifyOverPlainSmtp() throws FailException {
        assertEveryMessageVerifies(SmtpServerExtension::plain, DkimAlgorithm.RSA_SHA256, List.of("rsa"));
    }

    @Test
    void rsaSignaturesOfEveryKindOfMessageVerifyOverStartTls() throws FailException {
        assertEveryMessageVerifies(SmtpServerExtension::startTls, DkimAlgorithm.RSA_SHA256, List.of("rsa"));
    }

    @Test
    void ed25519SignaturesOfEveryKindOfMessageVerifyOverPlainSmtp() throws FailException {
        assertEveryMessageVerifies(SmtpServerExtension::plain, DkimAlgorithm.ED25519_SHA256, List.of("ed25519"));
    }

    @Test
    void ed25519SignaturesOfEveryKindOfMessageVerifyOverStartTls() throws FailException {
        assertEveryMessageVerifies(SmtpServerExtension::startTls, DkimAlgorithm.ED25519_SHA256, List.of("ed25519"));
    }

    @Test
    void bothSignaturesVerifyOverStartTls() throws FailException {
        assertEveryMessageVerifies(SmtpServerExtension::startTls, DkimAlgorithm.BOTH, List.of("rsa", "ed25519"));
    }

    @Test
    void simpleCanonicalizationVerifiesOnTheBytesTheServerReceived() throws FailException {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().start();
                SmtpSender sender = TestSettings.sender(Layer.builder(dkim(smtp.layer(), DkimAlgorithm.BOTH))
                        .set(DkimSettingKeys.CANONICALIZATION, DkimCanonicalization.SIMPLE_SIMPLE).build())) {
            sender.send(messages().get(3));

            byte[] raw = raw(smtp, 1).get(0);
            assertThat(ascii(raw)).contains("c=simple/simple");
            assertThat(VERIFIER.verify(raw)).hasSize(2);
        }
    }

    @Test
    void aHeaderChangedAfterDeliveryFailsVerification() throws FailException {
        assertFailsVerificationAfter(SmtpServerExtension::startTls, DkimAlgorithm.RSA_SHA256,
                "Subject: Your ticket", "Subject: Your refund");
    }

    @Test
    void aBodyLineAddedAfterDeliveryFailsVerification() throws FailException {
        assertFailsVerificationAfter(SmtpServerExtension::plain, DkimAlgorithm.ED25519_SHA256,
                "your ticket is ready.", "your ticket is ready.\r\nPay here: x");
    }

    @Test
    void aFromOutsideTheSigningDomainIsASettingsErrorAndNothingIsSent() {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().start();
                SmtpSender sender = TestSettings.sender(dkim(smtp.layer(), DkimAlgorithm.RSA_SHA256))) {
            EmailMessage foreign = EmailMessage.builder().from("Shop <shop@other-brand.example>")
                    .to("alice@example.net").subject("Hi").text("Hello").messageId("<x-1@other-brand.example>")
                    .build();

            assertThatThrownBy(() -> sender.send(foreign)).isInstanceOfSatisfying(SettingsException.class, e -> {
                assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.key()).isEqualTo("email.smtp.dkim.domain");
                    assertThat(p.message()).contains("other-brand.example").contains("notify.example");
                });
            });
            assertThat(smtp.connections()).isZero();
        }
    }

    @Test
    void aFromInASubdomainOfTheSigningDomainIsSigned() throws FailException {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().start();
                SmtpSender sender = TestSettings.sender(dkim(smtp.layer(), DkimAlgorithm.RSA_SHA256))) {
            sender.send(EmailMessage.builder().from("alerts@eu.notify.example").to("alice@example.net")
                    .subject("Alert").text("Disk full").messageId("<a-1@eu.notify.example>").build());

            assertThat(VERIFIER.verify(raw(smtp, 1).get(0))).singleElement()
                    .satisfies(s -> assertThat(s.getDToken()).hasToString("notify.example"));
        }
    }

    @Test
    void withoutADomainNothingIsSigned() {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().start();
                SmtpSender sender = TestSettings.sender(smtp.layer())) {
            sender.send(messages().get(0));

            assertThat(ascii(raw(smtp, 1).get(0))).doesNotContain("DKIM-Signature");
        }
    }

    /** Sends the first message; what the server received verifies, and no longer once {@code from} is {@code to}. */
    private void assertFailsVerificationAfter(Supplier<SmtpServerExtension> server, DkimAlgorithm algorithm,
            String from, String to) throws FailException {
        try (SmtpServerExtension smtp = server.get().start();
                SmtpSender sender = TestSettings.sender(dkim(smtp.layer(), algorithm))) {
            sender.send(messages().get(0));
            String received = ascii(raw(smtp, 1).get(0));
            assertThat(VERIFIER.verify(ascii(received))).hasSize(1);
            assertThat(received).contains(from);

            byte[] changed = ascii(received.replace(from, to));

            assertThatThrownBy(() -> VERIFIER.verify(changed)).isInstanceOf(FailException.class);
        }
    }

    private void assertEveryMessageVerifies(Supplier<SmtpServerExtension> server, DkimAlgorithm algorithm,
            List<String> keyTypes) throws FailException {
        List<EmailMessage> messages = messages();
        try (SmtpServerExtension smtp = server.get().start();
                SmtpSender sender = TestSettings.sender(dkim(smtp.layer(), algorithm))) {
            for (EmailMessage message : messages) {
                sender.send(message);
            }
            List<byte[]> received = raw(smtp, messages.size());
            for (int i = 0; i < received.size(); i++) {
                List<SignatureRecord> valid = VERIFIER.verify(received.get(i));
                assertThat(valid).as("message %d: %s", i, ascii(received.get(i)))
                        .extracting(s -> s.getHashKeyType().toString())
                        .containsExactlyInAnyOrderElementsOf(keyTypes);
                assertThat(valid).allSatisfy(s -> assertThat(s.getDToken()).hasToString("notify.example"));
            }
        }
    }

    /** Text; text and HTML; HTML with an inline image and a PDF; non-ASCII and long folded headers. */
    private static List<EmailMessage> messages() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3, (byte) 0xff, '\r', '\n', '.', '\n'};
        String longSubject = "Ihre Bestellung über Größenänderungen ".repeat(12) + "– bestätigt ✓";
        return List.of(
                message("<m-1@notify.example>").subject("Your ticket")
                        .text("Hello Alice,\n\nyour ticket is ready.\n.\n..leading dots and a bare CR\rhere\n").build(),
                message("<m-2@notify.example>").subject("Your invoice")
                        .text("Your invoice is attached.").html("<p>Your <b>invoice</b> is attached.</p>").build(),
                message("<m-3@notify.example>").subject("Report").html("<p><img src=\"cid:logo@notify\"></p>")
                        .attach(Attachment.inline("logo@notify", "logo.png", "image/png", png))
                        .attach(Attachment.of("Bericht März.pdf", "application/pdf",
                                "%PDF-1.4\n%âãÏÓ\n".repeat(200).getBytes(StandardCharsets.ISO_8859_1)))
                        .build(),
                EmailMessage.builder().from("Zoë Ünal from the Portal <portal@notify.example>")
                        .to("Jürgen Groß <juergen@example.net>", "Åsa <asa@example.net>")
                        .cc("Ольга <olga@example.net>").replyTo("Support – 24/7 <support@notify.example>")
                        .subject(longSubject)
                        .header("X-Campaign", "spring ".repeat(40).strip())
                        .header("List-Unsubscribe", "<https://notify.example/unsubscribe/" + "a".repeat(120) + ">")
                        .messageId("<m-4@notify.example>")
                        .text("Grüße aus Köln ☕\n" + "Zeile mit Leerzeichen am Ende   \n".repeat(3))
                        .build());
    }

    private static EmailMessage.Builder message(String messageId) {
        return EmailMessage.builder().from("Portal <portal@notify.example>").to("alice@example.net")
                .messageId(messageId);
    }

    private Layer dkim(Layer base, DkimAlgorithm algorithm) {
        Layer.Builder b = Layer.builder(base)
                .set(DkimSettingKeys.DOMAIN, "notify.example")
                .set(DkimSettingKeys.ALGORITHM, algorithm);
        if (algorithm.signsRsa()) {
            b.set(DkimSettingKeys.RSA_SELECTOR, "rsa2048")
                    .set(DkimSettingKeys.RSA_PRIVATE_KEY_FILE, TestKeys.write(keys, "rsa.pem", TestKeys.RSA_2048.getPrivate()));
        }
        if (algorithm.signsEd25519()) {
            b.set(DkimSettingKeys.ED25519_SELECTOR, "ed2025")
                    .set(DkimSettingKeys.ED25519_PRIVATE_KEY_FILE,
                            TestKeys.write(keys, "ed25519.pem", TestKeys.ED25519.getPrivate()));
        }
        return b.build();
    }

    /**
     * What the server received. A send returns after the server's reply to the data, which both servers give after
     * recording the message. (The test kit's decoded view is not used: it cannot yet decode a folded custom header.)
     */
    private static List<byte[]> raw(SmtpServerExtension smtp, int count) {
        List<String> raw = smtp.rawMessages();
        assertThat(raw).hasSize(count);
        return raw.stream().map(DkimDeliveryTest::ascii).toList();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String ascii(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
