package dev.notify.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.InvalidMessageException;
import dev.notify.template.TemplateEngine.ContentType;
import java.io.File;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MustacheEngineTest {

    private final TemplateEngine engine = TemplateEngine.standard();

    private String render(String source, ContentType type, Map<String, Object> variables, Locale locale) {
        return engine.compile("templates.t.text", source, type)
                .render(TemplateContext.of(variables, locale, ZoneOffset.UTC));
    }

    private String render(String source, Map<String, Object> variables) {
        return render(source, ContentType.TEXT, variables, Locale.ROOT);
    }

    @Test
    void variablesAndDottedNamesReadMaps() {
        assertThat(render("Hello {{user.name}} from {{ org }}", Map.of("user", Map.of("name", "Alice"), "org", "Acme")))
                .isEqualTo("Hello Alice from Acme");
    }

    @Test
    void htmlOutputEscapesValuesUnlessTripleMustache() {
        Map<String, Object> v = Map.of("x", "<b>\"Tom\" & 'Jerry'</b>");
        assertThat(render("{{x}}", ContentType.HTML, v, Locale.ROOT))
                .isEqualTo("&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;");
        assertThat(render("{{{x}}}|{{&x}}", ContentType.HTML, v, Locale.ROOT))
                .isEqualTo("<b>\"Tom\" & 'Jerry'</b>|<b>\"Tom\" & 'Jerry'</b>");
        assertThat(render("{{x}}", ContentType.TEXT, v, Locale.ROOT)).isEqualTo("<b>\"Tom\" & 'Jerry'</b>");
    }

    @Test
    void sectionsIterateListsAndStandaloneTagsTakeTheirLine() {
        Map<String, Object> v = Map.of("files", List.of(Map.of("name", "a.pdf"), Map.of("name", "b.pdf")),
                "none", List.of(), "flag", true);
        String source = "Files:\n{{#files}}\n- {{name}}\n{{/files}}\n{{^none}}\nno others\n{{/none}}\n"
                + "{{#flag}}on{{/flag}}{{! a comment }}\n";
        assertThat(render(source, v)).isEqualTo("Files:\n- a.pdf\n- b.pdf\nno others\non\n");
    }

    @Test
    void nullIsNoValueForSectionsAndAnErrorWhenPrinted() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("server", null);
        assertThat(render("{{#server}}server {{server}}{{/server}}{{^server}}global{{/server}}", v)).isEqualTo("global");
        assertThatThrownBy(() -> render("{{server}}", v)).isInstanceOf(TemplateException.class)
                .hasMessageContaining("templates.t.text").hasMessageContaining("'server'").hasMessageContaining("no value");
    }

    @Test
    void missingVariableIsAnErrorNamingTemplateVariableAndPosition() {
        assertThatThrownBy(() -> render("Hi\n  {{user}}", Map.of()))
                .isInstanceOfSatisfying(TemplateException.class, e -> {
                    assertThat(e.template()).isEqualTo("templates.t.text");
                    assertThat(e.variable()).contains("user");
                    assertThat(e).hasMessageContaining("line 2, column 3").hasMessageContaining("missing");
                });
        assertThatThrownBy(() -> render("{{user.email}}", Map.of("user", Map.of("name", "A"))))
                .hasMessageContaining("'user' has no 'email'");
    }

    @Test
    void numbersAndDatesAreWrittenForTheLocale() {
        Map<String, Object> v = Map.of("n", 1234567, "d", new BigDecimal("1234.5"), "day", LocalDate.of(2026, 12, 24));
        assertThat(render("{{n}} {{d}} {{day}}", ContentType.TEXT, v, Locale.GERMANY)).isEqualTo("1.234.567 1.234,5 24.12.2026");
        assertThat(render("{{n}} {{d}} {{day}}", ContentType.TEXT, v, Locale.US)).isEqualTo("1,234,567 1,234.5 Dec 24, 2026");
    }

    @Test
    void syntaxErrorsNameLineAndColumn() {
        assertThatThrownBy(() -> engine.compile("templates.t.subject", "ok\n {{#a}}x", ContentType.TEXT))
                .isInstanceOfSatisfying(TemplateSyntaxException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(2);
                    assertThat(e.template()).isEqualTo("templates.t.subject");
                    assertThat(e).hasMessageContaining("not closed");
                });
        assertThatThrownBy(() -> engine.compile("t", "{{#a}}{{/b}}", ContentType.TEXT))
                .hasMessageContaining("line 1, column 7").hasMessageContaining("does not close {{#a}}");
        assertThatThrownBy(() -> engine.compile("t", "x {{user", ContentType.TEXT))
                .hasMessageContaining("line 1, column 3").hasMessageContaining("not closed");
    }

    @Test
    void administratorsTemplatesCannotReachJavaObjectsOrFiles() {
        assertThatThrownBy(() -> engine.compile("t", "{{> /etc/passwd}}", ContentType.TEXT))
                .isInstanceOf(TemplateSyntaxException.class).hasMessageContaining("partials");
        assertThatThrownBy(() -> engine.compile("t", "{{user.getClass().forName('java.lang.Runtime')}}", ContentType.TEXT))
                .isInstanceOf(TemplateSyntaxException.class).hasMessageContaining("no method calls");
        assertThatThrownBy(() -> engine.compile("t", "{{=<% %>=}}", ContentType.TEXT))
                .isInstanceOf(TemplateSyntaxException.class);
        assertThatThrownBy(() -> render("{{user.class}}", Map.of("user", Map.of("name", "A"))))
                .isInstanceOf(TemplateException.class).hasMessageContaining("has no 'class'");
        assertThatThrownBy(() -> render("{{name.bytes}}", Map.of("name", "Alice")))
                .isInstanceOf(TemplateException.class).hasMessageContaining("has no 'bytes'");
        assertThatThrownBy(() -> TemplateMessage.of("invitation", Locale.ROOT).with("file", new File("/etc/passwd")))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("variable file")
                .hasMessageContaining("java.io.File");
        assertThatThrownBy(() -> TemplateMessage.of("invitation", Locale.ROOT)
                .with("user", Map.of("self", new Object()))).isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("user.self");
        Map<String, Object> smuggled = new LinkedHashMap<>();
        smuggled.put("thread", Thread.currentThread());
        assertThatThrownBy(() -> render("{{thread}}", smuggled)).isInstanceOf(TemplateException.class)
                .hasMessageContaining("java.lang.Thread");
    }
}
