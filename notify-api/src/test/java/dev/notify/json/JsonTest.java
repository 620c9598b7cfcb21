package dev.notify.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    @Test
    void writerEscapesQuotesBackslashesAndControlCharacters() {
        String json = Json.write(Map.of("text", "say \"hi\"\\\n\r\t\b\f\u0001\u001f end"));

        assertThat(json).isEqualTo("{\"text\":\"say \\\"hi\\\"\\\\\\n\\r\\t\\b\\f\\u0001\\u001f end\"}");
    }

    @Test
    void writerKeepsUnicodeAndEscapesLineSeparatorsAndLoneSurrogates() {
        String json = Json.write(List.of("Grüße 👋 你好", "a\u2028b\u2029c", "lone \ud83d end", "\ude00 first"));

        assertThat(json).isEqualTo("[\"Grüße 👋 你好\",\"a\\u2028b\\u2029c\",\"lone \\ud83d end\",\"\\ude00 first\"]");
    }

    @Test
    void writerWritesNumbersBooleansNullAndNestedValuesInOrder() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("n", 3);
        value.put("l", 12_345_678_901L);
        value.put("d", new BigDecimal("0.0333"));
        value.put("b", true);
        value.put("z", null);
        value.put("list", List.of(Map.of("to", "1")));

        assertThat(Json.write(value))
                .isEqualTo("{\"n\":3,\"l\":12345678901,\"d\":0.0333,\"b\":true,\"z\":null,\"list\":[{\"to\":\"1\"}]}");
    }

    @Test
    void writerRefusesWhatJsonCannotRepresent() {
        assertThatThrownBy(() -> Json.write(Double.NaN)).isInstanceOf(JsonException.class);
        assertThatThrownBy(() -> Json.write(Map.of(1, "x"))).isInstanceOf(JsonException.class);
        assertThatThrownBy(() -> Json.write(new Object())).isInstanceOf(JsonException.class);
    }

    @Test
    void whatTheWriterWritesTheParserReadsBack() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "Grüße \"👋\"\n\u0000\u2028 \\ /");
        value.put("list", List.of(JsonNumber.of("1"), JsonNumber.of("-2.5e3"), true, false));
        value.put("none", null);

        assertThat(Json.parse(Json.write(value))).isEqualTo(value);
    }

    @Test
    void parserReadsEscapesAndSurrogatePairs() {
        Object parsed = Json.parse(" {\"a\" : \"\\u00e9\\ud83d\\ude00\\/\\\"\" , \"b\":[ ] , \"c\":{}} ");

        assertThat(parsed).isEqualTo(Map.of("a", "é😀/\"", "b", List.of(), "c", Map.of()));
    }

    @Test
    void parserKeepsNumbersAsTheirText() {
        assertThat(Json.parse("[0, -0.5, 12345678901234567890, 1E-3, 2e+2]")).asString()
                .isEqualTo("[0, -0.5, 12345678901234567890, 1E-3, 2e+2]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"a\":}", "{\"a\" 1}", "[1,]", "{\"a\":1,}", "01", "1.", "-", "+1", ".5",
            "'a'", "\"unterminated", "\"bad \\x escape\"", "\"\\u12g4\"", "tru", "nul", "[1] 2", "{a:1}",
            "\"raw\ttab\"", "1e", "[\"a\" \"b\"]"})
    void parserRefusesWhatIsNotJson(String text) {
        assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(JsonException.class)
                .hasMessageStartingWith("not JSON: expected ");
    }

    @Test
    void parserRefusesNestingDeeperThanItsLimit() {
        char[] open = new char[Json.MAX_DEPTH + 1];
        char[] close = new char[Json.MAX_DEPTH + 1];
        Arrays.fill(open, '[');
        Arrays.fill(close, ']');

        assertThatThrownBy(() -> Json.parse(new String(open) + new String(close)))
                .hasMessageContaining("levels of nesting");
        assertThat(Json.parse("[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH))).isNotNull();
    }

    @Test
    void objectReadsFieldsLeniently() {
        JsonObject json = JsonObject.parse("{\"s\":\"0\",\"n\":21211,\"f\":1.50,\"b\":false,\"o\":{\"x\":1},"
                + "\"a\":[{\"id\":1},2,{\"id\":3}],\"z\":null}").orElseThrow();

        assertThat(json.text("s")).contains("0");
        assertThat(json.text("n")).contains("21211");
        assertThat(json.text("f")).contains("1.50");
        assertThat(json.text("b")).contains("false");
        assertThat(json.text("o")).isEmpty();
        assertThat(json.text("z")).isEmpty();
        assertThat(json.text("missing")).isEmpty();
        assertThat(json.number("s").flatMap(n -> n.decimal(5, 0))).contains(BigDecimal.ZERO);
        assertThat(json.number("f").flatMap(n -> n.decimal(5, 2))).contains(new BigDecimal("1.5"));
        assertThat(json.object("o").flatMap(o -> o.text("x"))).contains("1");
        assertThat(json.objects("a")).hasSize(2);
        assertThat(json.objects("s")).isEmpty();
        assertThat(JsonObject.parse("[1]")).isEmpty();
        assertThat(JsonObject.parse("<html>")).isEmpty();
    }
}
