package dev.notify.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.activation.DataHandler;
import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** notify picks a text part's Content-Transfer-Encoding itself; it must be the one Jakarta Mail would pick. */
class TransferEncodingTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "Hello, world.",
        "two\r\nlines\r\n",
        "bare\nline feeds\nand a tab\t",
        "Grüße aus Köln",
        "日本語のテキスト",
        "emoji 😀 in mostly ASCII text",
        "a NUL \u0000 inside",
        "DEL \u007f inside",
        ""
    })
    void choiceMatchesJakartaMail(String text) throws Exception {
        assertThat(MimeWriter.transferEncoding(text)).isEqualTo(jakarta(text));
    }

    @ParameterizedTest
    @ValueSource(ints = {998, 999, 5000})
    void longLinesAreEncodedLikeJakartaMailDoes(int length) throws Exception {
        String text = "x".repeat(length) + "\r\nshort line";

        assertThat(MimeWriter.transferEncoding(text)).isEqualTo(jakarta(text));
    }

    private static String jakarta(String text) {
        return MimeUtility.getEncoding(new DataHandler(text, "text/plain; charset=UTF-8"));
    }
}
