package dev.notify.sms.http.internal.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.DeliveryReceipt;
import dev.notify.DeliveryStatus;
import dev.notify.settings.Layer;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.Settings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each service's verification, checked against the example values its documentation and libraries publish. */
class PublishedExamplesTest {

    private static final Instant NOW = Instant.parse("2026-12-07T06:00:00Z");

    private static ResolvedSettings settings(String... pairs) {
        Layer.Builder layer = Layer.builder();
        for (int i = 0; i < pairs.length; i += 2) {
            layer.set(pairs[i], pairs[i + 1]);
        }
        return Settings.of(layer.build()).resolveGlobal();
    }

    private static Callback callback(String url, String contentType, String body, String... headers) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("content-type", contentType);
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i].toLowerCase(), headers[i + 1]);
        }
        return new Callback("POST", URI.create(url), h, body.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    // https://www.twilio.com/docs/usage/webhooks/webhooks-security ("Validating signatures from Twilio": auth token
    // 12345, https://mycompany.com/myapp.php?foo=1&bar=2 and the five POST parameters).
    @Test
    void twilioSignatureOfTheDocumentedRequest() {
        String signature = TwilioReceipts.signature("12345", "https://mycompany.com/myapp.php?foo=1&bar=2",
                ordered("To", "+18005551212", "CallSid", "CA1234567890ABCDE", "Digits", "1234", "From", "+12349013030",
                        "Caller", "+12349013030"));

        assertThat(signature).isEqualTo("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
    }

    // Twilio's own libraries' validator test (twilio-java src/test/java/com/twilio/security/RequestValidatorTest.java,
    // twilio-python tests/unit/test_request_validator.py): the same request with From/Caller +14158675309.
    @Test
    void twilioSignatureOfTheLibrariesExample() {
        String signature = TwilioReceipts.signature("12345", "https://mycompany.com/myapp.php?foo=1&bar=2",
                ordered("CallSid", "CA1234567890ABCDE", "Caller", "+14158675309", "Digits", "1234", "From",
                        "+14158675309", "To", "+18005551212"));

        assertThat(signature).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    }

    // https://www.twilio.com/docs/usage/webhooks/webhooks-security ("bodySHA256" for JSON bodies); the body and its
    // hash are those of twilio-python's tests/unit/test_request_validator.py, the signature of that URL the one
    // published beside them in validators' test suites.
    @Test
    void twilioJsonBodyIsVerifiedThroughItsBodySha256() {
        String body = "{\"property\": \"value\", \"boolean\": true}";
        String url = "https://mycompany.com/myapp.php?foo=1&bar=2"
                + "&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
        assertThat(Signatures.hex(Signatures.digest("SHA-256", body.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620");
        String signature = "a9nBmqA0ju/hNViExpshrM61xv4=";
        ResolvedSettings twilio = settings("sms.twilio.auth-token", "12345");

        Reading genuine = new TwilioReceipts().read(callback(url, "application/json", body,
                "X-Twilio-Signature", signature), twilio, NOW);
        Reading tampered = new TwilioReceipts().read(callback(url, "application/json",
                "{\"property\": \"evil\", \"boolean\": true}", "X-Twilio-Signature", signature), twilio, NOW);

        assertThat(TwilioReceipts.signature("12345", url, Map.of())).isEqualTo(signature);
        assertThat(genuine).isInstanceOf(Reading.Verified.class);
        assertThat(tampered).isInstanceOf(Reading.Refused.class);
    }

    // Vonage's signing algorithm (https://developer.vonage.com/en/getting-started/concepts/signing-messages), with the
    // example values of Vonage's Java SDK (vonage-java-sdk src/test/java/com/vonage/client/auth/RequestSigningTest.java):
    // secret "abcde", a=alphabet, b=bananas, timestamp=2100.
    @Test
    void vonageSignaturesOfTheSdkExample() {
        Map<String, String> params = ordered("a", "alphabet", "b", "bananas", "timestamp", "2100");

        assertThat(VonageReceipts.signature("md5hash", "abcde", params)).isEqualTo("7d43241108912b32cc315b48ce681acf");
        assertThat(VonageReceipts.signature("md5", "abcde", params)).isEqualTo("e0afe267aefd6dd18a848c1681517a19");
        assertThat(VonageReceipts.signature("sha1", "abcde", params))
                .isEqualTo("b7f749de27b4adcf736cc95c9a7e059a16c85127");
        assertThat(VonageReceipts.signature("sha256", "abcde", params))
                .isEqualTo("8d1b0428276b6a070578225914c3502cc0687a454dfbbbb370c76a14234cb546");
    }

    // The HS256 example of RFC 7515 appendix A.1 (https://www.rfc-editor.org/rfc/rfc7515#appendix-A.1), which
    // Vonage's signed webhooks use (https://developer.vonage.com/en/getting-started/concepts/webhooks).
    @Test
    void hs256TokenOfRfc7515IsVerifiedAndATamperedOneIsNot() {
        byte[] key = Base64.getUrlDecoder().decode(
                "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow");
        String token = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
                + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
                + ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

        assertThat(Jwt.verifiedClaims(token, key)).hasValueSatisfying(c -> assertThat(c).containsEntry("iss", "joe"));
        assertThat(Jwt.verifiedClaims(token.replace(".eyJpc3Mi", ".eyJpc3Ni"), key)).isEmpty();
        assertThat(Jwt.verifiedClaims(token, "another key".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void anUnsignedTokenIsRefused() {
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(
                StandardCharsets.UTF_8)) + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"iss\":\"Vonage\"}".getBytes(StandardCharsets.UTF_8)) + ".";

        assertThat(Jwt.verifiedClaims(none, "secret".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    // HTTP Basic's example in RFC 7617 section 2 (https://www.rfc-editor.org/rfc/rfc7617#section-2), the scheme
    // Infobip's webhook security uses (https://www.infobip.com/docs/essentials/api-essentials/webhooks-security).
    @Test
    void infobipBasicAuthenticationOfRfc7617Example() {
        assertThat(InfobipReceipts.basic("Aladdin", "open sesame")).isEqualTo("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    }

    // The example body of Infobip's "Receive outbound SMS message report" (https://www.infobip.com/docs/api/channels/
    // sms/sms-messaging/logs-and-status-reports/receive-outbound-sms-message-report).
    @Test
    void infobipDocumentedReportIsRead() {
        String body = "{\"results\":[{\"bulkId\":\"BULK-ID-123-xyz\",\"price\":{\"pricePerMessage\":0.01,"
                + "\"currency\":\"EUR\"},\"status\":{\"id\":5,\"groupId\":3,\"groupName\":\"DELIVERED\","
                + "\"name\":\"DELIVERED_TO_HANDSET\",\"description\":\"Message delivered to handset\"},"
                + "\"error\":{\"id\":0,\"name\":\"NO_ERROR\",\"description\":\"No Error\",\"groupId\":0,"
                + "\"groupName\":\"OK\",\"permanent\":false},\"messageId\":\"MESSAGE-ID-123-xyz\","
                + "\"doneAt\":\"2019-11-09T16:00:00.000+0000\",\"smsCount\":1,"
                + "\"sentAt\":\"2019-11-09T16:00:00.000+0000\",\"to\":\"41793026727\"}]}";
        ResolvedSettings infobip = settings("sms.infobip.report-username", "Aladdin",
                "sms.infobip.report-password", "open sesame");

        Reading reading = new InfobipReceipts().read(callback("https://portal.example.com/r/infobip",
                "application/json", body, "Authorization", "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="), infobip, NOW);
        Reading forged = new InfobipReceipts().read(callback("https://portal.example.com/r/infobip",
                "application/json", body, "Authorization", "Basic QWxhZGRpbjpvcGVuIHNlc2FtZR=="), infobip, NOW);

        assertThat(reading).isInstanceOfSatisfying(Reading.Verified.class, v -> assertThat(v.receipts())
                .singleElement().satisfies(r -> {
                    assertThat(r.messageId()).isEqualTo("MESSAGE-ID-123-xyz");
                    assertThat(r.status()).isEqualTo(DeliveryStatus.DELIVERED);
                    assertThat(r.serviceStatus()).isEqualTo("DELIVERED_TO_HANDSET");
                    assertThat(r.errorCode()).isEmpty();
                    assertThat(r.reportedAt()).contains(Instant.parse("2019-11-09T16:00:00Z"));
                }));
        assertThat(forged).isInstanceOf(Reading.Refused.class);
    }

    @Test
    void twilioStatusCallbackWithACarrierErrorReadsItsReason() {
        String url = "https://portal.example.com/r/twilio";
        Map<String, String> form = ordered("MessageSid", "SM0123456789abcdef0123456789abcdef", "MessageStatus",
                "undelivered", "ErrorCode", "30007", "AccountSid", "AC0123456789abcdef0123456789abcdef");
        String body = "MessageSid=SM0123456789abcdef0123456789abcdef&MessageStatus=undelivered&ErrorCode=30007"
                + "&AccountSid=AC0123456789abcdef0123456789abcdef";

        Reading reading = new TwilioReceipts().read(callback(url, "application/x-www-form-urlencoded", body,
                "X-Twilio-Signature", TwilioReceipts.signature("12345", url, form)),
                settings("sms.twilio.auth-token", "12345"), NOW);

        assertThat(reading).isInstanceOfSatisfying(Reading.Verified.class, v -> {
            DeliveryReceipt r = v.receipts().get(0);
            assertThat(r.status()).isEqualTo(DeliveryStatus.UNDELIVERED);
            assertThat(r.errorCode()).contains("30007");
            assertThat(r.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("carrier filtering"));
        });
    }

    @Test
    void vonageReceiptSignedLongAgoIsARefusedReplay() {
        Map<String, String> params = ordered("messageId", "0A0000000123ABCD1", "status", "delivered", "err-code", "0",
                "timestamp", Long.toString(NOW.minusSeconds(3600).getEpochSecond()));
        params.put("sig", VonageReceipts.signature("md5hash", "vonage-secret", params));
        String body = params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .reduce((a, b) -> a + "&" + b).orElseThrow();

        Reading reading = new VonageReceipts().read(callback("https://portal.example.com/r/vonage",
                "application/x-www-form-urlencoded", body), settings("sms.vonage.signature-secret", "vonage-secret"),
                NOW);

        assertThat(reading).isInstanceOfSatisfying(Reading.Refused.class,
                r -> assertThat(r.why()).contains("replay").doesNotContain("vonage-secret"));
    }

    @Test
    void vonageReceiptSignedNowIsRead() {
        Map<String, String> params = ordered("messageId", "0A0000000123ABCD1", "status", "expired", "err-code", "2",
                "message-timestamp", "2026-12-07 05:59:58", "timestamp", Long.toString(NOW.getEpochSecond()));
        params.put("sig", VonageReceipts.signature("sha256", "vonage-secret", params));
        String query = params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().replace(" ", "+"))
                .reduce((a, b) -> a + "&" + b).orElseThrow();

        Reading reading = new VonageReceipts().read(new Callback("GET",
                URI.create("https://portal.example.com/r/vonage?" + query), Map.of(), new byte[0]),
                settings("sms.vonage.signature-secret", "vonage-secret", "sms.vonage.signature-method", "sha256"), NOW);

        assertThat(reading).isInstanceOfSatisfying(Reading.Verified.class, v -> assertThat(v.receipts())
                .singleElement().satisfies(r -> {
                    assertThat(r.status()).isEqualTo(DeliveryStatus.UNDELIVERED);
                    assertThat(r.errorCode()).contains("2");
                    assertThat(r.reportedAt()).contains(Instant.parse("2026-12-07T05:59:58Z"));
                }));
    }
}
