package dev.notify.sms.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.CheckReport;
import dev.notify.NotifyException;
import dev.notify.message.PhoneNumber;
import dev.notify.settings.Layer;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.Settings;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated answers, from each service's documented samples, through each service's reading of a send
 * answer, of a check answer and the failure built from it: a fixed seed and a bounded count; no exception, and
 * every text that reaches a caller is short, on one line and free of the secrets.
 */
class ServiceAnswerFuzzTest {

    private static final String TOKEN = "fuzz-secret-token-7a6b5c4d";
    private static final int[] STATUSES = {200, 201, 202, 204, 400, 401, 404, 422, 429, 503};
    private static final String ALPHABET = "{}[]\":,-+.eE0123456789 \\u\u001b\u202e\r\n" + TOKEN;
    private static final String[] TOKENS = {"1e999999999", "1E+2147483647", "3503956514", "9".repeat(999),
            "\"" + TOKEN + "\"", "\"Bearer " + TOKEN + "\"", "\"\\u001b[2J\"", "\"failed\"", "\"0\"", "null", "[", "{"};

    private static final Map<String, List<String>> SAMPLES = Map.of(
            "twilio", List.of("{\"sid\":\"SM1f0e8ae6ade43cb3c0ce4525424e404f\",\"status\":\"queued\"}",
                    "{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\",\"status\":400}",
                    "{\"sid\":\"SM1\",\"status\":\"failed\",\"error_code\":30007,\"error_message\":\"filtered\"}",
                    "{\"friendly_name\":\"Portal\",\"status\":\"active\",\"type\":\"Full\"}"),
            "vonage", List.of("{\"message-count\":\"1\",\"messages\":[{\"message-id\":\"0A0000000123ABCD1\","
                    + "\"status\":\"0\"}]}", "{\"message-count\":\"1\",\"messages\":[{\"status\":\"3\",\"error-text\":"
                    + "\"Invalid to\"}]}", "{\"value\":10.28,\"autoReload\":false}",
                    "{\"type\":\"x\",\"title\":\"Bad\",\"detail\":\"no\",\"error-code\":\"401\",\"error-code-label\":\"l\"}"),
            "infobip", List.of("{\"messages\":[{\"messageId\":\"2250be2d\",\"status\":{\"groupId\":1,\"groupName\":"
                    + "\"PENDING\",\"id\":26,\"name\":\"PENDING_ACCEPTED\",\"description\":\"sent\"}}]}",
                    "{\"requestError\":{\"serviceException\":{\"messageId\":\"UNAUTHORIZED\",\"text\":\"Invalid\"}}}",
                    "{\"balance\":47.79,\"currency\":\"EUR\"}"),
            "webhook", List.of("{\"id\":\"relay-42\",\"status\":\"queued\"}",
                    "{\"error\":\"invalid-number\",\"message\":\"no such number\"}"));

    private static final Map<String, Function<ResolvedSettings, SmsService>> SERVICES = Map.of(
            "twilio", TwilioService::from, "vonage", VonageService::from, "infobip", InfobipService::from,
            "webhook", WebhookService::from);

    private static final Map<String, List<String>> SETTINGS = Map.of(
            "twilio", List.of("sms.twilio.account-sid=AC0123456789abcdef0123456789abcdef",
                    "sms.twilio.auth-token=" + TOKEN, "sms.twilio.from=+15005550006"),
            "vonage", List.of("sms.vonage.api-key=abcd1234", "sms.vonage.api-secret=" + TOKEN, "sms.vonage.from=ACME"),
            "infobip", List.of("sms.infobip.base-url=https://xyz.api.infobip.com", "sms.infobip.api-key=" + TOKEN),
            "webhook", List.of("sms.webhook.url=https://relay.example/sms",
                    "sms.webhook.headers=Authorization: Bearer " + TOKEN));

    @Test
    void everyServiceReadsHostileAnswersIntoShortRedactedTexts() {
        Random random = new Random(30L);
        for (String id : List.of("twilio", "vonage", "infobip", "webhook")) {
            ResolvedSettings settings = settings(id);
            SmsService service = SERVICES.get(id).apply(settings);
            Redactor redactor = Redactor.of(service.secrets());
            AnswerFailures failures = new AnswerFailures(service, settings, redactor, Clock.systemUTC());
            PhoneNumber number = PhoneNumber.parse("+15550101234", settings);
            List<String> samples = SAMPLES.get(id);
            for (int i = 0; i < 3_000; i++) {
                String body = i % 4 == 0 ? random(random) : mutate(samples.get(random.nextInt(samples.size())), random);
                HttpAnswer answer = new HttpAnswer(STATUSES[random.nextInt(STATUSES.length)],
                        HttpHeaders.of(Map.of(), (a, b) -> true), body, false);
                SendAnswer read = service.read(answer);
                if (answer.isSuccess()) {
                    CheckReport.Builder report = CheckReport.builder(id);
                    service.probed(answer, redactor, report);
                    CheckReport checked = report.build();
                    checked.items().forEach(item -> assertShortAndClean(item.value(), body));
                    checked.failure().ifPresent(f -> assertShortAndClean(f, body));
                }
                if (!(answer.isSuccess() && read instanceof SendAnswer.Accepted)
                        && !(answer.isSuccess() && read instanceof SendAnswer.Unreadable)) {
                    NotifyException failure = failures.of(answer, read, number);
                    assertShortAndClean(failure.getMessage(), body);
                }
            }
        }
    }

    private static void assertShortAndClean(String text, String body) {
        assertThat(text).as("from %s", body).hasSizeLessThan(2_000).doesNotContain(TOKEN)
                .doesNotContain("\u001b", "\u202e", "\r");
    }

    private static ResolvedSettings settings(String id) {
        Layer.Builder layer = Layer.builder().set("sms.enabled", "true").set("sms.delivery-method", id);
        for (String line : SETTINGS.get(id)) {
            int eq = line.indexOf('=');
            layer.set(line.substring(0, eq), line.substring(eq + 1));
        }
        return Settings.of(layer.build()).resolveGlobal();
    }

    private static String random(Random random) {
        StringBuilder out = new StringBuilder();
        int length = random.nextInt(60);
        for (int i = 0; i < length; i++) {
            out.append(random.nextInt(6) == 0 ? TOKENS[random.nextInt(TOKENS.length)]
                    : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    private static String mutate(String sample, Random random) {
        StringBuilder out = new StringBuilder(sample);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && out.length() > 0; e++) {
            int at = random.nextInt(out.length());
            switch (random.nextInt(4)) {
                case 0 -> out.deleteCharAt(at);
                case 1 -> out.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 2 -> out.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
                default -> {
                    int end = out.indexOf("\"", at + 1);
                    if (end > at) {
                        out.replace(at, end, TOKENS[random.nextInt(TOKENS.length)]);
                    }
                }
            }
        }
        return out.toString();
    }
}
