package dev.notify.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notifier;
import dev.notify.ServerNotifier;
import dev.notify.template.RenderedTemplate.RenderedPart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Three templates in five locales (English as the default, German, French, Arabic right to left, Japanese) for the
 * global settings and for a server whose region and own layer override texts, against the committed expected
 * output in {@code templates/golden}. Run with {@code -Dgolden.update=true} to rewrite the files after a deliberate
 * change, and review the diff.
 */
class TemplateGoldenFilesTest {

    private static final List<Locale> LOCALES = List.of(Locale.ENGLISH, Locale.GERMAN, Locale.FRENCH,
            Locale.forLanguageTag("ar"), Locale.JAPANESE);
    private static final Map<String, Function<Locale, TemplateMessage>> TEMPLATES = Map.of(
            "invitation", HostTemplates::invitation,
            "password-reset", HostTemplates::passwordReset,
            "share-notice", HostTemplates::shareNotice);

    @ParameterizedTest(name = "{0} for {1}")
    @CsvSource({"invitation,global", "invitation,eu-1", "password-reset,global", "password-reset,eu-1",
        "share-notice,global", "share-notice,eu-1"})
    void rendersAsTheGoldenFileSays(String template, String server) throws IOException {
        StringBuilder out = new StringBuilder();
        try (Notifier notifier = HostTemplates.notifier(HostTemplates.settings())) {
            ServerNotifier target = server.equals("global") ? notifier.global() : notifier.server(server);
            for (Locale locale : LOCALES) {
                RenderedTemplate rendered = target.render(TEMPLATES.get(template).apply(locale));
                out.append("=== ").append(template).append(" · ").append(locale.toLanguageTag()).append(" · ")
                        .append(server).append('\n');
                rendered.parts().forEach((part, p) -> out.append("--- ").append(part.id()).append(" from ")
                        .append(describe(p)).append('\n').append(p.text()).append('\n'));
            }
        }
        Path golden = HostTemplates.RESOURCES.resolve("golden").resolve(template + "." + server + ".txt");
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, out, StandardCharsets.UTF_8);
        }
        assertThat(out.toString()).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    private static String describe(RenderedPart part) {
        return part.key() + " (" + part.origin() + part.locale().map(l -> ", " + l).orElse(", default texts") + ")";
    }
}
