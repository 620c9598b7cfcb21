package dev.notify.smtp.internal.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.smtp.dkim.IndependentVerifier;
import dev.notify.smtp.dkim.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.junit.jupiter.api.Test;

/** The signer alone: its signatures verify with jDKIM, and a message changed after signing does not. */
class DkimSignerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);
    private static final String MESSAGE = String.join("\r\n",
            "From: Portal <portal@notify.example>",
            "To: alice@example.net,",
            "  bob@example.net",
            "Subject: Your ticket",
            "Date: Sat, 1 Mar 2025 10:00:00 +0000",
            "Message-ID: <t-1@notify.example>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "X-Unsigned: not in h=",
            "",
            "Hello Alice,",
            "",
            ".a line that SMTP dot-stuffs",
            "trailing white space  \t",
            "",
            "",
            "");

    private final SigningKey rsa = TestKeys.rsaKey("notify.example", "s2048");
    private final SigningKey ed25519 = TestKeys.ed25519Key("notify.example", "ed1");
    private final IndependentVerifier verifier = new IndependentVerifier(Map.of(
            "s2048._domainkey.notify.example", TestKeys.record(SigningAlgorithm.RSA_SHA256, TestKeys.RSA_2048),
            "ed1._domainkey.notify.example", TestKeys.record(SigningAlgorithm.ED25519_SHA256, TestKeys.ED25519)));

    @Test
    void rsaSignatureVerifiesWithJdkim() throws FailException {
        byte[] signed = sign(new DkimSigner(rsa, SigningPolicy.defaults(), CLOCK), MESSAGE);

        List<SignatureRecord> valid = verifier.verify(signed);

        assertThat(valid).singleElement().satisfies(s -> {
            assertThat(s.getDToken()).hasToString("notify.example");
            assertThat(s.getSelector()).hasToString("s2048");
            assertThat(s.getHashKeyType()).hasToString("rsa");
        });
    }

    @Test
    void ed25519SignatureVerifiesPerRfc8463() throws FailException {
        byte[] signed = sign(new DkimSigner(ed25519, SigningPolicy.defaults(), CLOCK), MESSAGE);

        assertThat(verifier.verify(signed)).singleElement()
                .satisfies(s -> assertThat(s.getHashKeyType()).hasToString("ed25519"));
    }

    @Test
    void everyCanonicalizationVerifies() throws FailException {
        for (Canonicalization header : Canonicalization.values()) {
            for (Canonicalization body : Canonicalization.values()) {
                SigningPolicy policy = new SigningPolicy(SigningPolicy.DEFAULT_HEADERS, header, body, Optional.empty());
                byte[] signed = sign(new DkimSigner(rsa, policy, CLOCK), MESSAGE);

                assertThat(verifier.verify(signed)).as(header + "/" + body).singleElement()
                        .satisfies(s -> assertThat(s.getHeaderCanonicalisationMethod() + "/"
                                + s.getBodyCanonicalisationMethod()).isEqualTo(header.id() + "/" + body.id()));
            }
        }
    }

    @Test
    void aChangedSignedHeaderFailsVerification() {
        assertFailsVerificationAfter(rsa, "Subject: Your ticket", "Subject: Your ticket!");
    }

    @Test
    void aBodyLineAddedAfterSigningFailsVerification() {
        assertFailsVerificationAfter(ed25519, "Hello Alice,\r\n", "Hello Alice,\r\nClick here!\r\n");
    }

    @Test
    void aSecondFromAddedAfterSigningFailsVerification() {
        assertFailsVerificationAfter(rsa, "X-Unsigned:", "From: ceo@notify.example\r\nX-Unsigned:");
    }

    @Test
    void relaxedSignatureSurvivesARelayRefoldingHeadersAndTrimmingLineEnds() throws FailException {
        String signed = new String(sign(new DkimSigner(rsa, SigningPolicy.defaults(), CLOCK), MESSAGE),
                StandardCharsets.US_ASCII);

        byte[] refolded = signed.replace("To: alice@example.net,\r\n  bob@example.net", "To:  alice@example.net, bob@example.net")
                .replace("trailing white space  \t\r\n", "trailing white space\r\n")
                .getBytes(StandardCharsets.US_ASCII);

        assertThat(verifier.verify(refolded)).hasSize(1);
    }

    @Test
    void signsTheConfiguredFieldsThatArePresentAndFromOnceMore() {
        String field = new DkimSigner(rsa, SigningPolicy.defaults(), CLOCK).sign(ascii(MESSAGE));

        Map<String, String> tags = tagMap(field);
        assertThat(tags.get("h")).isEqualTo("From:To:Subject:Date:Message-ID:MIME-Version:Content-Type:From");
        assertThat(tags).containsEntry("d", "notify.example").containsEntry("s", "s2048")
                .containsEntry("t", Long.toString(CLOCK.instant().getEpochSecond()))
                .doesNotContainKey("x");
    }

    @Test
    void expiryIsTheSigningTimePlusTheConfiguredDuration() {
        SigningPolicy policy = new SigningPolicy(SigningPolicy.DEFAULT_HEADERS, Canonicalization.RELAXED,
                Canonicalization.RELAXED, Optional.of(Duration.ofDays(7)));

        String field = new DkimSigner(rsa, policy, CLOCK).sign(ascii(MESSAGE));

        long t = CLOCK.instant().getEpochSecond();
        assertThat(tags(field)).contains("t=" + t + ";x=" + (t + 7 * 24 * 3600) + ";");
    }

    @Test
    void anExpiredSignatureFailsVerification() {
        SigningPolicy policy = new SigningPolicy(SigningPolicy.DEFAULT_HEADERS, Canonicalization.RELAXED,
                Canonicalization.RELAXED, Optional.of(Duration.ofHours(1)));

        byte[] signed = sign(new DkimSigner(rsa, policy, CLOCK), MESSAGE);

        assertThatThrownBy(() -> verifier.verify(signed)).isInstanceOf(FailException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void theFieldIsFoldedWithNoLineLongerThan78AndEndsInCrLf() {
        String field = new DkimSigner(rsa, SigningPolicy.defaults(), CLOCK).sign(ascii(MESSAGE));

        assertThat(field).startsWith("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;").endsWith("\r\n");
        assertThat(field.substring(0, field.length() - 2).split("\r\n"))
                .hasSizeGreaterThan(3)
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78))
                .allSatisfy(line -> assertThat(line).doesNotContain("\r").doesNotContain("\n"));
    }

    @Test
    void bodyHashOfTheRfc8463ExampleIsThePublishedOne() {
        SigningKey rfcKey = new SigningKey("football.example.com", "brisbane", SigningAlgorithm.ED25519_SHA256,
                rfc8463PrivateKey());

        String field = new DkimSigner(rfcKey, SigningPolicy.defaults(), CLOCK).sign(ascii(RFC8463_MESSAGE));

        assertThat(tags(field)).contains("bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;");
    }

    @Test
    void independentVerifierAcceptsTheSignedExampleOfRfc8463() throws FailException {
        IndependentVerifier rfc = new IndependentVerifier(Map.of(
                "brisbane._domainkey.football.example.com",
                "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=",
                "test._domainkey.football.example.com",
                "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDkHlOQoBTzWRiGs5V6NpP3idY6Wk08a5qhdR6wy5bd"
                        + "OKb2jLQiY/J16JYi0Qvx/byYzCNb3W91y3FutACDfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqMKrM3rG4hstT5QjvH"
                        + "O9PzoxZyVYLzBfO2EeC3Ip3G+2kryOTIKT+l/K4w3QIDAQAB"));

        List<SignatureRecord> valid = rfc.verify(ascii(RFC8463_SIGNED));

        assertThat(valid).extracting(s -> s.getHashKeyType().toString()).containsExactlyInAnyOrder("ed25519", "rsa");
    }

    @Test
    void independentVerifierRejectsTheRfc8463ExampleWithAChangedEd25519Signature() {
        IndependentVerifier rfc = IndependentVerifier.of("brisbane._domainkey.football.example.com",
                "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=");
        String edOnly = RFC8463_SIGNED.substring(0, RFC8463_SIGNED.indexOf("DKIM-Signature: v=1; a=rsa-sha256"))
                + RFC8463_SIGNED.substring(RFC8463_SIGNED.indexOf("From: Joe"));

        assertThat(edOnly).contains("b=/gCrinpc");
        byte[] tampered = ascii(edOnly.replace("b=/gCrinpc", "b=/gCrinpd"));

        assertThatThrownBy(() -> rfc.verify(tampered)).isInstanceOf(FailException.class);
    }

    @Test
    void aMessageWithBareLineFeedsIsRefusedRatherThanSignedWrongly() {
        DkimSigner signer = new DkimSigner(rsa, SigningPolicy.defaults(), CLOCK);

        assertThatThrownBy(() -> signer.sign(ascii("From: a@notify.example\nSubject: x\n\nbody\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CR LF");
    }

    /** RFC 8463 Appendix A.3's message, unsigned. */
    private static final String RFC8463_MESSAGE = String.join("\r\n",
            "From: Joe SixPack <joe@football.example.com>",
            "To: Suzie Q <suzie@shopping.example.net>",
            "Subject: Is dinner ready?",
            "Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)",
            "Message-ID: <20030712040037.46341.5F8J@football.example.com>",
            "",
            "Hi.",
            "",
            "We lost the game.  Are you hungry yet?",
            "",
            "Joe.",
            "",
            "");

    /** RFC 8463 Appendix A.3 (Copyright (c) 2018 IETF Trust and the persons identified as the document authors). */
    private static final String RFC8463_SIGNED = String.join("\r\n",
            "DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed;",
            " d=football.example.com; i=@football.example.com;",
            " q=dns/txt; s=brisbane; t=1528637909; h=from : to :",
            " subject : date : message-id : from : subject : date;",
            " bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;",
            " b=/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11Bus",
            " Fa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==",
            "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;",
            " d=football.example.com; i=@football.example.com;",
            " q=dns/txt; s=test; t=1528637909; h=from : to : subject :",
            " date : message-id : from : subject : date;",
            " bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;",
            " b=F45dVWDfMbQDGHJFlXUNB2HKfbCeLRyhDXgFpEL8GwpsRe0IeIixNTe3",
            " DhCVlUrSjV4BwcVcOF6+FF3Zo9Rpo1tFOeS9mPYQTnGdaSGsgeefOsk2Jz",
            " dA+L10TeYt9BgDfQNZtKdN1WO//KgIqXP7OdEFE4LjFYNcUxZQ4FADY+8=",
            "") + RFC8463_MESSAGE;

    /** RFC 8463 Appendix A.1: the Ed25519 private key (the seed of RFC 8032's first test vector). */
    private static java.security.PrivateKey rfc8463PrivateKey() {
        byte[] seed = Base64.getDecoder().decode("nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=");
        byte[] pkcs8 = concat(HexFormat.of().parseHex("302e020100300506032b657004220420"), seed);
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Signs the message, checks the signature verifies, then changes {@code from} to {@code to}: it must not. */
    private void assertFailsVerificationAfter(SigningKey key, String from, String to) {
        String signed = new String(sign(new DkimSigner(key, SigningPolicy.defaults(), CLOCK), MESSAGE),
                StandardCharsets.US_ASCII);
        assertThatCode(() -> verifier.verify(ascii(signed))).doesNotThrowAnyException();
        assertThat(signed).contains(from);

        byte[] changed = ascii(signed.replace(from, to));

        assertThatThrownBy(() -> verifier.verify(changed)).isInstanceOf(FailException.class);
    }

    private static byte[] sign(DkimSigner signer, String message) {
        return ascii(signer.sign(ascii(message)) + message);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The field's tags by name, white space removed. */
    private static Map<String, String> tagMap(String field) {
        Map<String, String> tags = new java.util.LinkedHashMap<>();
        for (String tag : tags(field).substring("DKIM-Signature:".length()).split(";")) {
            tags.put(tag.substring(0, tag.indexOf('=')), tag.substring(tag.indexOf('=') + 1));
        }
        return tags;
    }

    /** The field's tag list without white space (which DKIM allows around tags, colons and in base64). */
    private static String tags(String field) {
        return field.replaceAll("\\s", "");
    }
}
