package dev.notify.admin.internal;

import dev.notify.admin.Administrator;
import dev.notify.settings.SettingsSchema;
import dev.notify.web.Html;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A layer's settings page: every key of the schema in its section, with its effective value and origin, Override
 * and Reset, the secrets write-only; the Save form with the version it was loaded at and the CSRF token; Test
 * Email, Check and Test SMS; the result, conflict and error panels.
 */
final class SettingsPage {

    /**
     * What to show.
     *
     * @param overlay      the submitted form to show instead of the stored values, or null
     * @param errors       problems by full key, shown next to their field
     * @param otherErrors  problems no field of this page shows
     * @param result       the result panel's content, or null
     * @param conflict     the conflict panel's content, or null
     */
    record State(LayerRef layer, SnapshotView view, long version, FormEdits overlay, Map<String, String> errors,
            List<String> otherErrors, Html result, Html conflict, String notice, String recipient,
            String smsRecipient, String comment) {
    }

    private SettingsPage() {
    }

    static Html render(String mount, Administrator admin, String csrf, State s) {
        LayerRef layer = s.layer();
        Html html = Layout.start(mount, layer.title(), admin);
        if (!layer.isGlobal()) {
            html.open("p", "class", "links")
                    .element("a", "What differs from its parent", "href", mount + "/servers/" + layer.id() + "/diff")
                    .close("p");
        }
        if (s.notice() != null) {
            html.element("p", s.notice(), "id", "notice", "role", "status");
        }
        if (!s.otherErrors().isEmpty()) {
            html.open("div", "id", "errors", "role", "alert").element("p", "Not saved:").open("ul");
            s.otherErrors().forEach(e -> html.element("li", e));
            html.close("ul").close("div");
        }
        if (s.conflict() != null) {
            html.open("section", "id", "conflict", "role", "alert").append(s.conflict()).close("section");
        }

        html.open("form", "id", "settings", "method", "post", "action", mount + "/save", "novalidate", "");
        html.voidElement("input", "type", "hidden", "name", "version", "value", Long.toString(s.version()));
        html.voidElement("input", "type", "hidden", "name", "csrf", "value", csrf);
        html.voidElement("input", "type", "hidden", "name", "layer", "value", layer.field());
        if (s.overlay() == null && s.errors().isEmpty()) {
            html.append(s.view().form(layer, () -> sections(layer, s.view(), null, Map.of())));
        } else {
            html.append(sections(layer, s.view(), s.overlay(), s.errors()));
        }

        html.open("div", "class", "actions");
        html.element("label", "Comment for the history", "for", "comment");
        html.voidElement("input", "type", "text", "id", "comment", "name", "comment", "value", s.comment(),
                "maxlength", "200");
        html.element("button", "Save", "type", "submit", "id", "save");
        html.close("div");

        html.open("fieldset", "class", "tests");
        html.element("legend", "Test with the settings above, unsaved edits included (one attempt, no retries)");
        html.element("label", "Test Email recipient", "for", "test-recipient");
        html.voidElement("input", "type", "text", "inputmode", "email", "autocomplete", "email", "id",
                "test-recipient", "name", "test-recipient", "value", s.recipient());
        html.element("button", "Test Email", "type", "submit", "id", "test-email", "formaction", mount + "/test-email");
        html.element("button", "Check", "type", "submit", "id", "check", "formaction", mount + "/check");
        html.element("label", "Test SMS recipient", "for", "test-sms-recipient");
        html.voidElement("input", "type", "text", "inputmode", "tel", "id", "test-sms-recipient", "name",
                "test-sms-recipient", "value", s.smsRecipient());
        html.element("button", "Test SMS", "type", "submit", "id", "test-sms", "formaction", mount + "/test-sms");
        html.close("fieldset");
        html.close("form");

        html.open("section", "id", "result", "aria-live", "polite");
        if (s.result() != null) {
            html.append(s.result());
        }
        html.close("section");
        return html.end();
    }

    /** The form's fieldsets, one per section of the schema, with a row per key. */
    private static Html sections(LayerRef layer, SnapshotView view, FormEdits overlay, Map<String, String> errors) {
        SettingRow.LayerValues values = SettingRow.LayerValues.of(layer, view);
        List<SettingRow> rows = new ArrayList<>(view.keys().size());
        Map<String, String> controlling = new HashMap<>();
        for (KeyView key : view.keys()) {
            SettingRow row = SettingRow.of(key, values, view, overlay);
            rows.add(row);
            controlling.put(key.name(), row.value().isEmpty() ? key.defaultChoice() : row.value());
        }
        Map<String, List<SettingRow>> sections = new LinkedHashMap<>();
        rows.forEach(r -> sections.computeIfAbsent(r.key().section(), k -> new ArrayList<>()).add(r));
        Html html = Html.fragment();
        for (Map.Entry<String, List<SettingRow>> section : sections.entrySet()) {
            html.open("fieldset", "class", "section", "id", "section-" + section.getKey());
            html.element("legend", section.getKey());
            for (SettingRow row : section.getValue()) {
                row(html, row, layer, controlling, errors.get(row.fullKey()));
            }
            html.close("fieldset");
        }
        return html;
    }

    private static void row(Html html, SettingRow row, LayerRef layer, Map<String, String> controlling,
            String error) {
        KeyView key = row.view();
        String name = key.name();
        Optional<SettingsSchema.Condition> when = key.appliesWhen();
        String whenKey = when.map(c -> c.key().name()).orElse(null);
        String whenValues = when.map(c -> String.join(" ", c.anyOf())).orElse(null);
        String channel = key.channelSwitch();
        boolean hidden = when.isPresent() && !when.get().anyOf().contains(controlling.getOrDefault(whenKey, ""))
                || channel != null && "false".equals(controlling.get(channel));
        String described = "help-" + name + (error == null ? "" : " error-" + name);
        html.open("div", "class", "setting" + (error == null ? "" : " invalid"), "data-key", row.fullKey(),
                "data-when-key", whenKey, "data-when-values", whenValues, "data-channel-switch", channel,
                "data-inherited-origin", row.inheritedOrigin(), "hidden", Html.flag(hidden));
        html.element("label", name, "for", name);
        boolean disabled = !row.setHere();
        switch (key.control()) {
            case SECRET -> html.voidElement("input", "type", "password", "id", name, "name", name,
                    "autocomplete", "new-password", "disabled", Html.flag(true), "placeholder",
                    row.secretSet() ? "set" : "not set", "aria-describedby", described);
            case SELECT -> {
                html.open("select", "id", name, "name", name, "disabled", Html.flag(disabled), "data-inherited",
                        row.inheritedValue(), "data-default", key.defaultChoice(), "aria-describedby",
                        described, "aria-invalid", error == null ? null : "true");
                List<String> choices = new ArrayList<>(key.choices());
                if (!choices.contains(row.value())) {
                    choices.add(0, row.value());
                }
                for (String choice : choices) {
                    html.element("option", choice.isEmpty() ? "(not set)" : choice, "value", choice, "selected",
                            Html.flag(choice.equals(row.value())));
                }
                html.close("select");
            }
            case NUMBER, TEXT -> html.voidElement("input", "type", "text", "inputmode",
                    key.control() == SettingRow.Control.NUMBER ? "numeric" : null, "id", name, "name", name, "value",
                    row.value(), "disabled", Html.flag(disabled), "data-inherited", row.inheritedValue(),
                    "aria-describedby", described, "aria-invalid", error == null ? null : "true");
        }
        html.voidElement("input", "type", "hidden", "class", "mode", "name", FormEdits.MODE + name, "value",
                row.setHere() ? "set" : "inherit");
        html.element("span", row.origin(), "class", "origin");
        if (row.key().isSecret()) {
            html.voidElement("input", "type", "hidden", "class", "secret-action", "name", FormEdits.SECRET + name,
                    "value", "keep");
            html.element("span", row.secretSet() ? "set" : "not set", "class", "secret-state", "data-inherited",
                    row.inheritedSecretSet() ? "set" : "not set");
            html.element("button", "Replace", "type", "button", "class", "replace", "hidden", Html.flag(!row.setHere()),
                    "aria-label", "Replace " + name);
            html.element("button", "Clear", "type", "button", "class", "clear", "hidden", Html.flag(!row.setHere()),
                    "aria-label", "Clear " + name);
        }
        html.element("button", "Override", "type", "button", "class", "override", "hidden", Html.flag(row.setHere()),
                "aria-label", "Override " + name);
        html.element("button", layer.isGlobal() ? "Reset to default" : "Reset to inherited", "type", "button",
                "class", "reset", "hidden", Html.flag(!row.setHere()), "aria-label", "Reset " + name);
        html.element("p", row.key().description(), "class", "help", "id", "help-" + name);
        if (error != null) {
            html.element("p", row.fullKey() + ": " + error, "class", "error", "id", "error-" + name);
        }
        html.close("div");
    }
}
