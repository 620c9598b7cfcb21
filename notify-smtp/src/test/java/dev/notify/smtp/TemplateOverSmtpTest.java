package dev.notify.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notifier;
import dev.notify.SendStatus;
import dev.notify.message.EmailMessage;
import dev.notify.settings.PropertiesFormat;
import dev.notify.template.RenderedTemplate;
import dev.notify.template.TemplateMessage;
import dev.notify.testkit.smtp.SmtpServerExtension;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Templated emails in Japanese and Arabic reach a real server as they were rendered, subjects encoded as any. */
class TemplateOverSmtpTest {

    @RegisterExtension
    final SmtpServerExtension smtp = SmtpServerExtension.plain();

    @Test
    void rightToLeftAndCjkTemplatesArriveAsRenderedWithEncodedSubjects() {
        Map<String, String> properties = new LinkedHashMap<>(smtp.properties());
        properties.put("email.enabled", "true");
        properties.put("email.sender", "Portal <portal@notify.example>");
        properties.put("templates.share.subject", "{{owner}} shared {{count}} files");
        properties.put("templates.share.text", "{{owner}} shared {{count}} files.");
        properties.put("templates.share.ja.subject", "{{owner}} さんが {{count}} 件のファイルを共有しました");
        properties.put("templates.share.ja.text", "{{owner}} さんがファイルを共有しました。");
        properties.put("templates.share.ar.subject", "شارك {{owner}} معك {{count}} ملفات");
        properties.put("templates.share.ar.text", "شارك {{owner}} معك الملفات.");
        properties.put("templates.share.ar.html", "<div dir=\"rtl\" lang=\"ar\">شارك <b>{{owner}}</b> معك الملفات.</div>");
        try (Notifier notifier = Notifier.builder().settings(PropertiesFormat.standard().parse(properties)).build()) {
            String[] tags = {"ja", "ar"};
            for (int i = 0; i < tags.length; i++) {
                String tag = tags[i];
                TemplateMessage message = TemplateMessage.of("share", Locale.forLanguageTag(tag))
                        .to("zoe@notify.example").with("owner", "Zoë").with("count", 3);
                RenderedTemplate rendered = notifier.global().render(message);

                assertThat(notifier.global().sendEmail(message).status()).isEqualTo(SendStatus.ACCEPTED);

                EmailMessage received = smtp.awaitMessages(i + 1, Duration.ofSeconds(5)).get(i);
                assertThat(received.subject()).isEqualTo(rendered.subject().get().text());
                assertThat(received.text()).contains(rendered.text().get().text());
                rendered.html().ifPresent(html -> assertThat(received.html()).contains(html.text()));
                String raw = smtp.rawMessages().get(i);
                String subjectLine = raw.lines().filter(l -> l.startsWith("Subject:")).findFirst().orElseThrow();
                assertThat(subjectLine).startsWith("Subject: =?UTF-8?").doesNotContain("Zoë");
            }
        }
    }
}
