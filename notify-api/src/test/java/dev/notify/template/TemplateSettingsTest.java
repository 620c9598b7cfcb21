package dev.notify.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.InvalidMessageException;
import dev.notify.Notifier;
import dev.notify.SettingsException;
import dev.notify.internal.TemplateRenderer;
import dev.notify.settings.InMemorySettingsSource;
import dev.notify.settings.Layer;
import dev.notify.settings.Origin;
import dev.notify.settings.PropertiesFormat;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.ResolvedValue;
import dev.notify.settings.SettingDescription;
import dev.notify.settings.Settings;
import dev.notify.settings.SettingsSchema;
import dev.notify.template.RenderedTemplate.RenderedPart;
import dev.notify.template.TemplateKeys.Part;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemplateSettingsTest {

    private final SettingsSchema schema = HostTemplates.schema();

    private Settings parse(String... lines) {
        return PropertiesFormat.standard().withSchema(schema).parse(toMap(lines));
    }

    private static Map<String, String> toMap(String... lines) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (String line : lines) {
            int eq = line.indexOf('=');
            map.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return map;
    }

    @Test
    void localeFallsBackFromRegionToLanguageToDefault() {
        Settings settings = parse("templates.invitation.de-ch.subject={{inviter}} lädt Sie zu {{space}} ein (CH)");
        try (Notifier notifier = HostTemplates.notifier(settings)) {
            RenderedTemplate swiss = notifier.global().render(HostTemplates.invitation(Locale.forLanguageTag("de-CH")));
            assertThat(swiss.subject()).get().extracting(RenderedPart::text, RenderedPart::locale)
                    .containsExactly("Bob lädt Sie zu Q4 Reports & Plans ein (CH)", java.util.Optional.of("de-ch"));
            assertThat(swiss.text()).get().extracting(RenderedPart::locale).isEqualTo(java.util.Optional.of("de"));
            assertThat(swiss.text().get().text()).startsWith("Hallo Alice");

            RenderedTemplate austrian = notifier.global().render(HostTemplates.invitation(Locale.forLanguageTag("de-AT")));
            assertThat(austrian.subject().get().key()).isEqualTo("templates.invitation.de.subject");

            RenderedTemplate korean = notifier.global().render(HostTemplates.invitation(Locale.KOREAN));
            assertThat(korean.subject().get().locale()).isEmpty();
            assertThat(korean.subject().get().text()).isEqualTo("Bob invited you to Q4 Reports & Plans");
        }
    }

    @Test
    void aLanguageWithoutHtmlSendsTextOnlyRatherThanAnotherLanguagesHtml() {
        try (Notifier notifier = HostTemplates.notifier(parse())) {
            RenderedTemplate french = notifier.global().render(HostTemplates.invitation(Locale.FRENCH));
            assertThat(french.parts()).containsOnlyKeys(Part.SUBJECT, Part.TEXT);
        }
    }

    @Test
    void eachPartReportsTheLayerItCameFrom() {
        Settings settings = HostTemplates.settings();
        ResolvedSettings eu1 = settings.resolve("eu-1", schema);
        ResolvedValue<?> subject = eu1.resolvedValue("templates.invitation.subject").orElseThrow();
        assertThat(subject.origin()).isEqualTo(Origin.server("eu"));
        assertThat(subject.isInherited()).isTrue();
        assertThat(subject.fullKey()).isEqualTo("servers.eu.templates.invitation.subject");
        assertThat(eu1.resolvedValue("templates.invitation.de.subject").orElseThrow().isInherited()).isFalse();
        assertThat(eu1.resolvedValue("templates.invitation.text").orElseThrow().origin()).isEqualTo(Origin.DEFAULT);
        assertThat(settings.resolveGlobal(schema).resolvedValue("messages.signature").orElseThrow().origin())
                .isEqualTo(Origin.GLOBAL);
    }

    @Test
    void shippedTemplatesAreInTheSchemaForAdminPages() {
        assertThat(schema.templateKeys()).extracting(k -> k.name())
                .contains("templates.invitation.subject", "templates.invitation.ar.html", "messages.ja.signature",
                        "templates.test-email.subject");
        SettingDescription subject = schema.describeTemplates().stream()
                .filter(d -> d.name().equals("templates.invitation.subject")).findFirst().orElseThrow();
        assertThat(subject.section()).isEqualTo("templates.invitation");
        assertThat(subject.defaultValue()).contains("{{inviter}} invited you to {{space}}");
        assertThat(subject.type()).isEqualTo("template");
    }

    @Test
    void aTemplateThatDoesNotParseIsRefusedWithItsLayerTemplateAndPosition() {
        assertThatThrownBy(() -> parse("servers.eu-1.templates.invitation.de.text=Hallo {{user}},\\n{{#files}}x"
                .replace("\\n", "\n")))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p.key()).isEqualTo("servers.eu-1.templates.invitation.de.text");
                            assertThat(p.message()).contains("template 'invitation' (de, text) does not parse")
                                    .contains("line 2, column 1").contains("{{#files}} is not closed");
                        }));
        assertThatThrownBy(() -> parse("templates.invitation.subject=Hello\nthere"))
                .hasMessageContaining("templates.invitation.subject").hasMessageContaining("one line");
    }

    @Test
    void missingVariableIsAnErrorNamingTemplateAndVariable() {
        try (Notifier notifier = HostTemplates.notifier(parse())) {
            TemplateMessage withoutUser = TemplateMessage.of("password-reset", Locale.GERMAN).with("minutes", 5)
                    .with("code", "1234").with("requested-by-you", true);
            assertThatThrownBy(() -> notifier.server("eu-1").render(withoutUser))
                    .isInstanceOfSatisfying(InvalidMessageException.class, e -> assertThat(e.problems()).singleElement()
                            .satisfies(p -> {
                                assertThat(p.key()).isEqualTo("templates.password-reset.de.text");
                                assertThat(p.message()).contains("'user'").contains("missing").contains("line 1");
                            }));
            assertThatThrownBy(() -> notifier.global().render(TemplateMessage.of("welcome", Locale.ROOT)))
                    .isInstanceOf(InvalidMessageException.class).hasMessageContaining("no template 'welcome'")
                    .hasMessageContaining("templates.welcome.subject");
        }
    }

    @Test
    void aChangedTemplateReachesTheNextRenderAndOnlyItIsCompiledAgain() {
        Settings initial = parse("templates.greeting.subject=Hi {{user}}", "templates.greeting.text=Body {{user}}");
        TemplateRenderer renderer = new TemplateRenderer();
        TemplateMessage message = TemplateMessage.of("greeting", Locale.ROOT).with("user", "Ann");
        InMemorySettingsSource source = new InMemorySettingsSource(initial);
        try (Notifier notifier = HostTemplates.notifier(source)) {
            assertThat(notifier.global().render(message).subject().get().text()).isEqualTo("Hi Ann");
            source.update(Settings.builder(initial).global(Layer.builder(schema)
                    .set("templates.greeting.subject", "Hello {{user}}")
                    .set("templates.greeting.text", "Body {{user}}").build()).build());
            assertThat(notifier.global().render(message).subject().get().text()).isEqualTo("Hello Ann");
        }

        renderer.render(initial.resolveGlobal(schema), schema.templateEngine(), message, Set.of(Part.SUBJECT, Part.TEXT));
        renderer.render(initial.resolveGlobal(schema), schema.templateEngine(), message, Set.of(Part.SUBJECT, Part.TEXT));
        assertThat(renderer.compilations()).isEqualTo(2);
        Settings changed = Settings.builder(initial).server("eu-1", Layer.builder(schema)
                .set("templates.greeting.subject", "Servus {{user}}").build()).build();
        renderer.render(changed.resolve("eu-1", schema), schema.templateEngine(), message, Set.of(Part.SUBJECT, Part.TEXT));
        renderer.render(changed.resolve("eu-1", schema), schema.templateEngine(), message, Set.of(Part.SUBJECT, Part.TEXT));
        renderer.render(changed.resolve("eu-2", schema), schema.templateEngine(), message, Set.of(Part.SUBJECT, Part.TEXT));
        assertThat(renderer.compilations()).as("only eu-1's new subject is compiled; the global text is reused").isEqualTo(3);
    }

    @Test
    void aServerCanClearAPartItInherits() {
        Settings settings = parse("servers.eu-1.templates.invitation.html=");
        try (Notifier notifier = HostTemplates.notifier(settings)) {
            assertThat(notifier.server("eu-1").render(HostTemplates.invitation(Locale.ENGLISH)).html()).isEmpty();
            assertThat(notifier.server("eu-2").render(HostTemplates.invitation(Locale.ENGLISH)).html()).isPresent();
        }
    }

    @Test
    void anotherEngineCanBePluggedAndChecksTheSettings() {
        TemplateEngine upper = new TemplateEngine() {
            @Override
            public String id() {
                return "upper";
            }

            @Override
            public CompiledTemplate compile(String name, String source, ContentType type) {
                if (source.contains("%")) {
                    throw new TemplateSyntaxException(name, 1, source.indexOf('%') + 1, "no % here");
                }
                return context -> source.toUpperCase(Locale.ROOT);
            }
        };
        SettingsSchema upperSchema = schema.withTemplateEngine(upper);
        assertThatThrownBy(() -> PropertiesFormat.standard().withSchema(upperSchema)
                .parse(Map.of("templates.x.subject", "50% off"))).hasMessageContaining("line 1, column 3");
        Settings settings = PropertiesFormat.standard().withSchema(upperSchema)
                .parse(Map.of("templates.x.subject", "hi", "templates.x.text", "there"));
        try (Notifier notifier = Notifier.builder().classLoader(HostTemplates.hostJar()).templateEngine(upper)
                .settings(settings).build()) {
            assertThat(notifier.global().render(TemplateMessage.of("x", Locale.ROOT)).subject().get().text())
                    .isEqualTo("HI");
        }
    }

    @Test
    void notifysOwnTestEmailIsATemplateAnAdministratorCanTranslate() {
        Settings settings = parse("templates.test-email.de.subject=Test-E-Mail von notify für {{#server}}Server {{server}}{{/server}}");
        try (Notifier notifier = HostTemplates.notifier(settings)) {
            TemplateMessage message = TemplateMessage.of("test-email", Locale.GERMAN).with("server", "eu-1")
                    .with("method", "smtp").with("sent-at", "2026-12-07T06:00:00Z");
            RenderedTemplate rendered = notifier.server("eu-1").render(message);
            assertThat(rendered.subject().get().text()).isEqualTo("Test-E-Mail von notify für Server eu-1");
            assertThat(rendered.text()).as("no German text yet: a language never borrows another's text").isEmpty();
        }
    }
}
