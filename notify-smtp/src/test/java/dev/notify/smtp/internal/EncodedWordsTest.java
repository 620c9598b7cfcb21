package dev.notify.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeUtility;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Header values are encoded exactly as Jakarta Mail's MimeUtility encodes them. */
class EncodedWordsTest {

    private static final EncodedWords WORDS =
            new EncodedWords(Session.getInstance(new Properties()).getStreamProvider());
    /** ASCII with the characters Q encoding treats specially, Latin, CJK, an emoji pair, controls, a lone surrogate. */
    private static final String ALPHABET = "abc XYZ 019 =_?\"#$%&'(),.:;<>@[\\]^`{|}~\t\r\n\u0001\u007f"
            + "äöüßéÀçñ€—–“”日本語のテキスト한국어\uD83D\uDE00\uD83C\uDF89\uD800";

    @ParameterizedTest
    @ValueSource(strings = {"", "Report", "Rückfrage zu Ticket 42 — dringend", "日本語の件名", "Jürgen Müller",
        "Zoë", "a\u0001b", "=?UTF-8?Q?not_really?=", "emoji 😀 only", "\uD800 lone"})
    void examplesAreEncodedAsMimeUtilityEncodesThem(String value) throws Exception {
        assertThat(WORDS.text(value)).isEqualTo(MimeUtility.encodeText(value, "UTF-8", null));
        assertThat(WORDS.phrase(value)).isEqualTo(MimeUtility.encodeWord(value, "UTF-8", null));
    }

    @Test
    void randomValuesAreEncodedAsMimeUtilityEncodesThem() throws Exception {
        Random random = new Random(2047);
        List<String> different = new ArrayList<>();

        for (int i = 0; i < 500; i++) {
            String value = randomValue(random);
            if (!WORDS.text(value).equals(MimeUtility.encodeText(value, "UTF-8", null))) {
                different.add("text " + value);
            }
            if (!WORDS.phrase(value).equals(MimeUtility.encodeWord(value, "UTF-8", null))) {
                different.add("phrase " + value);
            }
        }

        assertThat(different).isEmpty();
    }

    private static String randomValue(Random random) {
        StringBuilder value = new StringBuilder();
        int length = random.nextInt(random.nextBoolean() ? 20 : 300);
        boolean mostlyAscii = random.nextBoolean();
        for (int i = 0; i < length; i++) {
            int index = mostlyAscii && random.nextInt(4) > 0 ? random.nextInt(10) : random.nextInt(ALPHABET.length());
            value.append(ALPHABET.charAt(index));
        }
        return value.toString();
    }
}
