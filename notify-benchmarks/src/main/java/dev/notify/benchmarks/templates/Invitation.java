package dev.notify.benchmarks.templates;

import dev.notify.settings.Layer;
import dev.notify.template.TemplateMessage;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The invitation template of the benchmark: subject, text and HTML, 10 variables, one section and one list. */
final class Invitation {

    static final String SUBJECT = "{{inviter}} invited you to {{space}}";
    static final String TEXT = """
            Hello {{user}},

            {{inviter}} invited you to the space "{{space}}" ({{files}} files, {{size-mb}} MB).
            {{#message}}
            Their message: {{message}}
            {{/message}}
            Members:
            {{#members}}
            - {{.}}
            {{/members}}
            The invitation expires on {{expires}}.

            Accept: {{link}}
            Questions? Write to {{support}}.
            """;
    static final String HTML = """
            <p>Hello {{user}},</p>
            <p>{{inviter}} invited you to the space <b>{{space}}</b> ({{files}} files, {{size-mb}} MB).</p>
            {{#message}}
            <blockquote>{{message}}</blockquote>
            {{/message}}
            <ul>
            {{#members}}
            <li>{{.}}</li>
            {{/members}}
            </ul>
            <p>The invitation expires on {{expires}}.</p>
            <p><a href="{{link}}">Accept the invitation</a></p>
            <p>Questions? Write to <a href="mailto:{{support}}">{{support}}</a>.</p>
            """;

    private Invitation() {
    }

    /** The 10 variables, typed as a host passes them. */
    static Map<String, Object> variables(int i) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("user", "Alice Example " + i);
        v.put("inviter", "Bob <bob@example.com>");
        v.put("space", "Q4 Reports & Plans");
        v.put("files", 1234);
        v.put("size-mb", new BigDecimal("1234.5"));
        v.put("message", "See you there!");
        v.put("members", List.of("Carol", "Dave", "Erin"));
        v.put("expires", LocalDate.of(2026, 12, 24));
        v.put("link", "https://portal.example.com/i/abc?x=1&y=2");
        v.put("support", "support@example.com");
        return v;
    }

    /** The template as settings: the global layer of the notifier the benchmark sends with. */
    static Layer.Builder layer(Layer.Builder layer) {
        return layer.set("templates.invitation.subject", SUBJECT)
                .set("templates.invitation.text", TEXT)
                .set("templates.invitation.html", HTML);
    }

    static TemplateMessage message(String to, int i) {
        return TemplateMessage.of("invitation", Locale.ENGLISH).to(to).with(variables(i));
    }
}
