package dev.notify.cli.internal;

import dev.notify.Notifier;
import dev.notify.settings.Layer;
import dev.notify.settings.SettingDescription;
import dev.notify.settings.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "schema", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "List every setting the installed providers understand: type, default, section, whether it is "
                + "a secret, its credential group, allowed values and when it applies. With --json, the document an "
                + "admin page renders its settings form from.")
public final class SchemaCommand extends BaseCommand {

    @Mixin
    ProvidersOption providers;

    @Override
    int run(Output out) {
        List<SettingDescription> keys;
        try (Notifier notifier = providers.builder().settings(Settings.of(Layer.empty())).build()) {
            keys = notifier.schema().describe();
        }
        List<Map<String, Object>> documented = new ArrayList<>();
        for (SettingDescription key : keys) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("key", key.name());
            entry.put("type", key.type());
            entry.put("default", key.defaultValue().orElse(null));
            entry.put("description", key.description());
            entry.put("section", key.section());
            entry.put("secret", key.secret());
            entry.put("credentialGroup", key.credentialGroup().orElse(null));
            entry.put("allowedValues", key.allowedValues());
            entry.put("appliesWhen", key.appliesWhen().map(c -> {
                Map<String, Object> when = new LinkedHashMap<>();
                when.put("key", c.key().name());
                when.put("anyOf", c.anyOf());
                return when;
            }).orElse(null));
            entry.put("providers", key.providers());
            documented.add(entry);
            out.line(key.name() + "  (" + key.type() + key.defaultValue().map(d -> ", default " + d).orElse("")
                    + (key.secret() ? ", secret" : "") + key.appliesWhen().map(c -> ", when " + c).orElse("") + ")");
            out.line("    " + key.description());
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("keys", documented);
        out.document(doc);
        return ExitCode.OK;
    }
}
