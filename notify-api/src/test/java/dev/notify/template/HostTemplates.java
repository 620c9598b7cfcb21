package dev.notify.template;

import dev.notify.Notifier;
import dev.notify.settings.PropertiesFormat;
import dev.notify.settings.Settings;
import dev.notify.settings.SettingsSchema;
import dev.notify.settings.SettingsSource;
import java.math.BigDecimal;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The test host: its shipped templates ({@code templates/host/META-INF/notify/templates.properties}, on a class
 * loader of their own as a host jar would be) and its administrator's settings ({@code templates/settings.properties}).
 */
final class HostTemplates {

    static final Path RESOURCES = Path.of("src", "test", "resources", "templates");

    private HostTemplates() {
    }

    static ClassLoader hostJar() {
        try {
            return new URLClassLoader(new URL[] {RESOURCES.resolve("host").toUri().toURL()},
                    HostTemplates.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    static SettingsSchema schema() {
        return SettingsSchema.discover(List.of(), List.of(), hostJar());
    }

    static Settings settings() {
        return PropertiesFormat.standard().withSchema(schema()).read(RESOURCES.resolve("settings.properties"));
    }

    static Notifier notifier(SettingsSource source) {
        return Notifier.builder().classLoader(hostJar()).settings(source).build();
    }

    static Notifier notifier(Settings settings) {
        return Notifier.builder().classLoader(hostJar()).settings(settings).build();
    }

    static TemplateMessage invitation(Locale locale) {
        return TemplateMessage.of("invitation", locale)
                .with("user", "Alice <Admin>")
                .with("inviter", "Bob")
                .with("space", "Q4 Reports & Plans")
                .with("files", 1234)
                .with("size-mb", new BigDecimal("1234.5"))
                .with("expires", LocalDate.of(2026, 12, 24))
                .with("link", "https://portal.example.com/i/abc?x=1&y=2")
                .with("message", "See you there!");
    }

    static TemplateMessage passwordReset(Locale locale) {
        return TemplateMessage.of("password-reset", locale)
                .with("user", "Alice")
                .with("minutes", 15)
                .with("code", "483920")
                .with("requested-by-you", false);
    }

    static TemplateMessage shareNotice(Locale locale) {
        return TemplateMessage.of("share-notice", locale)
                .with("owner", "Bob")
                .with("count", 2)
                .with("link", "https://portal.example.com/s/xyz")
                .with("files", List.of(Map.of("name", "報告書.pdf", "modified", LocalDate.of(2026, 11, 3)),
                        Map.of("name", "تقرير.docx", "modified", LocalDate.of(2026, 11, 30))));
    }
}
