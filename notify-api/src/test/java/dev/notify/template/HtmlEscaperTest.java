package dev.notify.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlEscaperTest {

    @Test
    void escapesMarkupAndQuotes() {
        assertThat(HtmlEscaper.escape("<script>alert('x')</script> & \"q\""))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
    }

    @Test
    void dropsControlCharactersButKeepsLineBreaksTabsAndOtherScripts() {
        assertThat(HtmlEscaper.escape("a\u0000b\u0007c\td\ne\r\nمرحبا 日本"))
                .isEqualTo("abc\td\ne\r\nمرحبا 日本");
    }
}
