package dev.notify.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated texts, from the real services' sample answers, through {@link Json#parse} and the lenient
 * reads: a fixed seed and a bounded count, and nothing but {@link JsonException} may come out.
 */
class JsonFuzzTest {

    static final List<String> SAMPLES = List.of(
            "{\"sid\":\"SM1f0e8ae6ade43cb3c0ce4525424e404f\",\"status\":\"queued\",\"num_segments\":\"1\","
                    + "\"price\":null,\"error_code\":null,\"subresource_uris\":{\"media\":\"/Media.json\"}}",
            "{\"code\":21211,\"message\":\"The 'To' number +1555 is not a valid phone number.\",\"more_info\":"
                    + "\"https://www.twilio.com/docs/errors/21211\",\"status\":400}",
            "{\"friendly_name\":\"Portal\",\"status\":\"active\",\"type\":\"Full\"}",
            "{\"message-count\":\"1\",\"messages\":[{\"to\":\"447700900123\",\"message-id\":\"0A0000000123ABCD1\","
                    + "\"status\":\"0\",\"remaining-balance\":\"3.14159265\",\"message-price\":\"0.03330000\"}]}",
            "{\"value\":10.28,\"autoReload\":false}",
            "{\"messages\":[{\"messageId\":\"2250be2d4219-3af1-78856-aabe-1362af1edfd2\",\"status\":{\"groupId\":1,"
                    + "\"groupName\":\"PENDING\",\"id\":26,\"name\":\"PENDING_ACCEPTED\",\"description\":\"Message sent "
                    + "to next instance\"},\"destination\":\"41793026727\"}]}",
            "{\"requestError\":{\"serviceException\":{\"messageId\":\"UNAUTHORIZED\",\"text\":\"Invalid login details\"}}}",
            "{\"balance\":47.79,\"currency\":\"EUR\"}",
            "{\"id\":\"relay-42\",\"status\":\"queued\"}",
            "[1, -0.5e-3, true, false, null, \"\\u00e9\\ud83d\\ude00\"]");

    private static final String ALPHABET = "{}[]\":,-+.eE0123456789 \t\r\ntrufalsn\\/ubfx\u001b\u202e\ud83d";
    private static final String[] TOKENS = {"1e999999999", "1E+2147483647", "[", "{", "\"", "\\u", "9".repeat(1200),
            "\"" + "x".repeat(2000) + "\"", "[".repeat(70), "null", "-", "0", "\\"};

    @Test
    void randomAndMutatedAnswersGiveAValueOrAJsonException() {
        Random random = new Random(20261207L);
        int parsed = 0;
        int refused = 0;
        for (int i = 0; i < 30_000; i++) {
            String text = i % 3 == 0 ? randomText(random) : mutate(SAMPLES.get(random.nextInt(SAMPLES.size())), random);
            try {
                Object value = Json.parse(text);
                JsonObject.parse(text).ifPresent(JsonFuzzTest::readEveryField);
                assertThat(Json.parse(Json.write(value))).isEqualTo(value);
                parsed++;
            } catch (JsonException e) {
                assertThat(e.getMessage()).startsWith("not JSON: ").hasSizeLessThan(200);
                refused++;
            }
        }
        assertThat(parsed).as("inputs read").isGreaterThan(1000);
        assertThat(refused).as("inputs refused").isGreaterThan(1000);
    }

    private static void readEveryField(JsonObject json) {
        for (String name : List.of("sid", "status", "code", "message", "value", "balance", "messages", "id")) {
            json.text(name).ifPresent(t -> assertThat(t.length()).isLessThanOrEqualTo(Json.MAX_STRING));
            json.number(name).ifPresent(n -> {
                n.intValue();
                n.decimal(15, 6).ifPresent(d -> assertThat(d.toPlainString().length()).isLessThan(25));
            });
            json.objects(name).forEach(JsonFuzzTest::readEveryField);
            json.object(name).ifPresent(JsonFuzzTest::readEveryField);
        }
    }

    private static String randomText(Random random) {
        StringBuilder out = new StringBuilder();
        int length = random.nextInt(80);
        for (int i = 0; i < length; i++) {
            out.append(random.nextInt(8) == 0 ? TOKENS[random.nextInt(TOKENS.length)]
                    : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    static String mutate(String sample, Random random) {
        StringBuilder out = new StringBuilder(sample);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && out.length() > 0; e++) {
            int at = random.nextInt(out.length());
            switch (random.nextInt(5)) {
                case 0 -> out.deleteCharAt(at);
                case 1 -> out.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 2 -> out.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 3 -> out.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
                default -> out.setLength(at);
            }
        }
        return out.toString();
    }
}
