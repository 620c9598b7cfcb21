package dev.notify.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.notify.InvalidMessageException;
import dev.notify.Problem;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SmsLengthTest {

    static Stream<Arguments> texts() {
        return Stream.of(
                Arguments.of("short GSM-7 text", "Your passcode is 123456.", SmsEncoding.GSM_7, 24, 1),
                Arguments.of("GSM-7 exactly at one segment", "a".repeat(160), SmsEncoding.GSM_7, 160, 1),
                Arguments.of("GSM-7 one over one segment", "a".repeat(161), SmsEncoding.GSM_7, 161, 2),
                Arguments.of("extension characters count twice", "{}[]~|^\\€", SmsEncoding.GSM_7, 18, 1),
                Arguments.of("80 euro signs fill one segment", "€".repeat(80), SmsEncoding.GSM_7, 160, 1),
                Arguments.of("an extension character pushes 159 over", "a".repeat(159) + "€", SmsEncoding.GSM_7, 161, 2),
                Arguments.of("GSM-7 two full parts", "a".repeat(306), SmsEncoding.GSM_7, 306, 2),
                Arguments.of("GSM-7 one over two parts", "a".repeat(307), SmsEncoding.GSM_7, 307, 3),
                Arguments.of("an extension character is not split across parts",
                        "a".repeat(152) + "€" + "a".repeat(152), SmsEncoding.GSM_7, 306, 3),
                Arguments.of("accented letters of the basic set stay GSM-7", "Grüße, Ñandú! Ça coûte 5£ à Öl",
                        SmsEncoding.UCS_2, 30, 1),
                Arguments.of("basic-set accents only", "Grüße aus Köln, señor. Ça va? 5£ à Ål",
                        SmsEncoding.GSM_7, 37, 1),
                Arguments.of("line breaks are GSM-7", "Line 1\r\nLine 2\n", SmsEncoding.GSM_7, 15, 1),
                Arguments.of("one emoji switches to UCS-2 and counts twice", "Hello 😀", SmsEncoding.UCS_2, 8, 1),
                Arguments.of("UCS-2 exactly at one segment", "ł" + "a".repeat(69), SmsEncoding.UCS_2, 70, 1),
                Arguments.of("UCS-2 one over one segment", "ł" + "a".repeat(70), SmsEncoding.UCS_2, 71, 2),
                Arguments.of("UCS-2 two full parts", "ł" + "a".repeat(133), SmsEncoding.UCS_2, 134, 2),
                Arguments.of("an emoji is not split across parts", "a".repeat(66) + "😀" + "a".repeat(66),
                        SmsEncoding.UCS_2, 134, 3),
                Arguments.of("Chinese text is UCS-2", "你好，世界", SmsEncoding.UCS_2, 5, 1),
                Arguments.of("the backtick is not GSM-7", "`code`", SmsEncoding.UCS_2, 6, 1));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("texts")
    void measuresEncodingUnitsAndSegments(String description, String text, SmsEncoding encoding, int units,
            int segments) {
        SmsLength length = SmsLength.of(text);

        assertThat(length.encoding()).isEqualTo(encoding);
        assertThat(length.units()).isEqualTo(units);
        assertThat(length.segments()).isEqualTo(segments);
    }

    @Test
    void everyPrintableAsciiCharacterButTheBacktickIsGsm7() {
        String ascii = IntStream.rangeClosed(0x20, 0x7e).filter(c -> c != '`')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();

        SmsLength length = SmsLength.of(ascii);

        assertThat(length.encoding()).isEqualTo(SmsEncoding.GSM_7);
        assertThat(length.units()).isEqualTo(94 + 8);
    }

    @Test
    void textExactlyAtTheLimitIsAllowed() {
        SmsLength length = SmsLength.of("a".repeat(160));

        assertThat(length.requireAtMost(1)).isSameAs(length);
    }

    @Test
    void gsm7TextOneOverTheLimitIsRefusedWithItsLengthAndTheLimit() {
        InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class,
                () -> SmsLength.of("a".repeat(161)).requireAtMost(1));

        assertThat(e.problems()).extracting(Problem::key).containsExactly("text");
        assertThat(e.getMessage()).contains("161 GSM-7 characters", "take 2 SMS segments",
                "sms.max-segments allows 1", "at most 160 GSM-7 characters", "never truncated");
    }

    @Test
    void ucs2TextOneOverTheLimitNamesTheCharacterThatForcedUcs2() {
        InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class,
                () -> SmsLength.of("Hi 😀 " + "a".repeat(65)).requireAtMost(1));

        assertThat(e.problems()).extracting(Problem::key).containsExactly("text");
        assertThat(e.getMessage()).contains("71 UCS-2 units", "because of '😀'", "take 2 SMS segments",
                "at most 70 UCS-2 units");
    }

    @Test
    void multiSegmentLimitAllowsExactlyItsCapacity() {
        assertThat(SmsLength.of("a".repeat(459)).requireAtMost(3).segments()).isEqualTo(3);

        InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class,
                () -> SmsLength.of("a".repeat(460)).requireAtMost(3));
        assertThat(e.getMessage()).contains("460 GSM-7 characters", "take 4 SMS segments", "allows 3",
                "at most 459 GSM-7 characters");
    }

    @Test
    void multiSegmentUcs2LimitCountsCodeUnits() {
        assertThat(SmsLength.of("😀".repeat(66)).requireAtMost(2).segments()).isEqualTo(2);

        InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class,
                () -> SmsLength.of("😀".repeat(68)).requireAtMost(2));
        assertThat(e.getMessage()).contains("136 UCS-2 units", "take 3 SMS segments", "at most 134 UCS-2 units");
    }

    @Test
    void limitMessageExplainsWhenTwoUnitCharactersAtBoundariesNeedAnotherSegment() {
        InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class,
                () -> SmsLength.of("😀".repeat(67)).requireAtMost(2));

        assertThat(e.getMessage()).contains("134 UCS-2 units", "take 3 SMS segments", "at most 134 UCS-2 units",
                "cannot be split across segments");
    }
}
