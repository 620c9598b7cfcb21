package dev.notify.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void textAndAttributeValuesAreEscaped() {
        Html html = Html.fragment().element("td", "<script>alert(1)</script>", "data-key", "\"><img src=x>");

        assertThat(html.toString()).isEqualTo(
                "<td data-key=\"&quot;&gt;&lt;img src=x&gt;\">&lt;script&gt;alert(1)&lt;/script&gt;</td>");
    }

    @Test
    void singleQuotesAmpersandsAndControlCharactersAreEscaped() {
        assertThat(Html.fragment().text("a'b&c\u0000d").toString()).isEqualTo("a&#39;b&amp;cd");
    }

    @Test
    void eventHandlerAndStyleAttributesAreRefused() {
        assertThatThrownBy(() -> Html.fragment().open("div", "onclick", "x()"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("onclick");
        assertThatThrownBy(() -> Html.fragment().open("div", "style", "color:red"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesThatAreNotPlainNamesAreRefused() {
        assertThatThrownBy(() -> Html.fragment().open("div onload=x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Html.fragment().open("div", "a=\"b", "c")).isInstanceOf(IllegalArgumentException.class);
        for (String name : new String[] {"", "Div", "1p", "-x", "p_q", "p:q", "dïv"}) {
            assertThatThrownBy(() -> Html.fragment().open(name)).as(name).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Html.fragment().voidElement("input", "data-when-key2", "x").toString())
                .isEqualTo("<input data-when-key2=\"x\">");
    }

    @Test
    void onlyHttpHttpsAndMailtoSchemesAreAccepted() {
        for (String url : new String[] {"data:text/html,x", "vbscript:x", "a+b.c-d:x", "Z9:x"}) {
            assertThatThrownBy(() -> Html.fragment().open("a", "href", url)).as(url)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scheme");
        }
        for (String url : new String[] {"HTTPS://example.com", "mailto:a@example.com", "/a:b", "?x=y:z", "1a:b",
                "_x:y", ""}) {
            assertThat(Html.fragment().open("a", "href", url).toString()).as(url).startsWith("<a href");
        }
    }

    @Test
    void javascriptUrlsAreRefusedAndPathsAccepted() {
        assertThatThrownBy(() -> Html.fragment().open("a", "href", " JavaScript:alert(1)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("javascript");
        assertThat(Html.fragment().element("a", "eu-1", "href", "/admin/servers/eu-1").toString())
                .isEqualTo("<a href=\"/admin/servers/eu-1\">eu-1</a>");
    }

    @Test
    void noTextInsideScript() {
        Html html = Html.fragment().open("script", "src", "/a.js");

        assertThatThrownBy(() -> html.text("alert(1)")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void booleanAttributesAndNullValues() {
        assertThat(Html.fragment().voidElement("input", "disabled", Html.flag(true), "hidden", Html.flag(false))
                .toString()).isEqualTo("<input disabled>");
    }

    @Test
    void closingTheWrongElementIsRefused() {
        Html html = Html.fragment().open("div").open("p");

        assertThatThrownBy(() -> html.close("div")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void documentHasDoctypeHeadAndClosesOnEnd() {
        String page = Html.document("en", "A & B", "/s.css", "/s.js").element("p", "x").end().toString();

        assertThat(page).startsWith("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .contains("<title>A &amp; B</title>", "<link rel=\"stylesheet\" href=\"/s.css\">",
                        "<script src=\"/s.js\" defer></script>")
                .endsWith("<p>x</p></body></html>");
    }
}
