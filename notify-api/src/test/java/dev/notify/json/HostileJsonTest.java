package dev.notify.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a hostile service can put in an answer costs a bounded amount and is never expanded. */
class HostileJsonTest {

    @ParameterizedTest
    @ValueSource(strings = {"1e999999999", "1E+2147483647", "-1e-2147483648", "1e99999999999999", "0.1e-999999999"})
    void hugeExponentsStayTextAndAreNoValueOfABoundedSize(String number) {
        JsonObject json = JsonObject.parse("{\"sid\":" + number + ",\"value\":" + number + "}").orElseThrow();

        assertThat(json.text("sid")).contains(number);
        JsonNumber value = json.number("value").orElseThrow();
        assertThat(value.intValue()).isEmpty();
        assertThat(value.decimal(30, 10)).isEmpty();
    }

    @Test
    void aTenThousandDigitNumberIsRefusedNotWrappedAround() {
        String digits = "9".repeat(10_000);

        assertThatThrownBy(() -> Json.parse("{\"code\":" + digits + "}")).isInstanceOf(JsonException.class)
                .hasMessageContaining("a number of at most 1000 characters").hasMessageContaining("character 9");
        JsonNumber longest = JsonNumber.of("8".repeat(Json.MAX_NUMBER));
        assertThat(longest.intValue()).isEmpty();
        assertThat(longest.decimal(20, 4)).isEmpty();
    }

    @Test
    void intValueIsExactOrEmpty() {
        assertThat(JsonNumber.of("21211").intValue()).hasValue(21211);
        assertThat(JsonNumber.of("2.1211e4").intValue()).hasValue(21211);
        assertThat(JsonNumber.of("-2147483648").intValue()).hasValue(Integer.MIN_VALUE);
        assertThat(JsonNumber.of("2147483648").intValue()).isEmpty();
        assertThat(JsonNumber.of("3503956514").intValue()).isEmpty();
        assertThat(JsonNumber.of("1.5").intValue()).isEmpty();
    }

    @Test
    void decimalKeepsAnOrdinaryBalance() {
        assertThat(JsonNumber.of("10.28000").decimal(15, 6)).contains(new BigDecimal("10.28"));
        assertThat(JsonNumber.of("0e999999999").decimal(1, 0)).contains(BigDecimal.ZERO);
        assertThat(JsonNumber.of("-4.5").decimal(15, 6)).contains(new BigDecimal("-4.5"));
    }

    @Test
    void longStringsDeepNestingAndLongTextsAreRefusedWithTheirLimit() {
        String longString = "\"" + "a".repeat(Json.MAX_STRING + 1) + "\"";
        assertThatThrownBy(() -> Json.parse(longString)).isInstanceOf(JsonException.class)
                .hasMessageContaining("a string of at most");
        assertThatThrownBy(() -> Json.parse("[".repeat(100_000))).isInstanceOf(JsonException.class)
                .hasMessageContaining("levels of nesting");
        String tooLong = " ".repeat(Json.MAX_TEXT) + "1";
        assertThatThrownBy(() -> Json.parse(tooLong)).isInstanceOf(JsonException.class)
                .hasMessageContaining("more than the " + Json.MAX_TEXT);
    }

    @Test
    void anErrorQuotesOneCharacterAtMostAndNoControlCharacter() {
        assertThatThrownBy(() -> Json.parse("{\"a\":\u001b[31m}")).isInstanceOf(JsonException.class)
                .hasMessage("not JSON: expected a value at character 6, found U+001B")
                .satisfies(e -> assertThat(((JsonException) e).position()).isEqualTo(6));
    }

    @Test
    void writerEscapesEveryControlAndBidiCharacterSoATerminalShowsNone() {
        String written = Json.write(Map.of("id", "\u001b]0;owned\u0007\u009b\u202e\u2066x\u007f"));

        assertThat(written).isEqualTo("{\"id\":\"\\u001b]0;owned\\u0007\\u009b\\u202e\\u2066x\\u007f\"}");
        assertThat(written.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
        assertThat(Json.parse(written)).isEqualTo(Map.of("id", "\u001b]0;owned\u0007\u009b\u202e\u2066x\u007f"));
        assertThat(Json.quote("a\"b")).isEqualTo("\"a\\\"b\"");
        assertThat(Json.write(List.of(JsonNumber.of("1e999999999")))).isEqualTo("[1e999999999]");
    }
}
