package dev.notify.cli.internal;

import dev.notify.Notifier;
import dev.notify.Problem;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.ResolvedValue;
import dev.notify.settings.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(name = "resolve", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Print every effective setting of a server with the layer it comes from; secrets print as ********.")
public final class ResolveCommand extends ConfiguredCommand {

    @Override
    int run(Output out) {
        Settings settings = settings(out);
        ResolvedSettings resolved;
        try (Notifier notifier = notifier(settings)) {
            resolved = target(notifier).settings();
        }
        List<Problem> problems = resolved.problems();
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
            entry.put("inherited", v.isInherited());
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
}
