package dev.notify.cli.internal;

import dev.notify.Channel;
import dev.notify.Notifier;
import dev.notify.Problem;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.ResolvedValue;
import dev.notify.settings.SettingKey;
import dev.notify.settings.SettingKeys;
import dev.notify.settings.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;

@Command(name = "resolve", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Print every effective setting of a server with the layer it comes from; secrets print as ********.")
public final class ResolveCommand extends ConfiguredCommand {

    @Override
    int run(Output out) {
        Settings settings = settings(out);
        ResolvedSettings resolved = server == null ? settings.resolveGlobal() : settings.resolve(server);
        List<Problem> problems = new ArrayList<>(resolved.problems());
        try (Notifier notifier = notifier(settings)) {
            checkProvider(resolved, Channel.EMAIL, SettingKeys.EMAIL_ENABLED, SettingKeys.EMAIL_DELIVERY_METHOD,
                    notifier.providerIds(Channel.EMAIL), problems);
            checkProvider(resolved, Channel.SMS, SettingKeys.SMS_ENABLED, SettingKeys.SMS_DELIVERY_METHOD,
                    notifier.providerIds(Channel.SMS), problems);
        }
        List<Map<String, Object>> values = new ArrayList<>();
        int width = resolved.values().stream().mapToInt(v -> v.key().name().length()).max().orElse(0);
        out.line("Effective settings for " + layerName() + ":");
        for (ResolvedValue<?> v : resolved.values()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("key", v.key().name());
            entry.put("value", v.value().isPresent() ? v.displayValue() : null);
            entry.put("origin", v.origin().toString());
            entry.put("originKind", v.origin().kind().name().toLowerCase(Locale.ROOT));
            entry.put("originServer", v.origin().serverId().orElse(null));
            entry.put("fullKey", v.fullKey());
            values.add(entry);
            out.line(String.format("  %-" + width + "s = %s  (%s)", v.key().name(),
                    v.value().isPresent() ? v.displayValue() : "(not set)", v.origin()));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("server", server);
        doc.put("values", values);
        doc.put("problems", Outcomes.problems(problems));
        if (problems.isEmpty()) {
            out.document(doc);
            return ExitCode.OK;
        }
        out.error("");
        out.error(problems.size() == 1 ? "1 problem:" : problems.size() + " problems:");
        problems.forEach(p -> out.error("  " + p));
        out.document(doc);
        return ExitCode.INVALID;
    }

    private static void checkProvider(ResolvedSettings resolved, Channel channel, SettingKey<Boolean> enabled,
            SettingKey<String> method, Set<String> installed, List<Problem> problems) {
        if (resolved.get(enabled) && !installed.contains(resolved.get(method))) {
            problems.add(new Problem(resolved.fullKey(method), "no " + channel.name().toLowerCase(Locale.ROOT)
                    + " provider '" + resolved.get(method) + "' is installed; installed: " + String.join(", ", installed)));
        }
    }

}
