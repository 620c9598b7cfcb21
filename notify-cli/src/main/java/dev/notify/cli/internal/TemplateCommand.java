package dev.notify.cli.internal;

import dev.notify.Notifier;
import dev.notify.template.RenderedTemplate;
import dev.notify.template.TemplateMessage;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code notify template render}: a template as a server would send it, with where each part came from. */
@Command(name = "template", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Preview templates (templates.<name>[.<locale>].subject|text|html|sms) with a server's settings.",
        subcommands = {TemplateCommand.Render.class})
public final class TemplateCommand extends BaseCommand {

    @Override
    int run(Output out) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing command: choose render");
    }

    @Command(name = "render", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Render a template's subject, text, HTML and SMS with the effective settings of a server, "
                    + "each with the setting and layer it came from; sends nothing.")
    static final class Render extends ConfiguredCommand {

        private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");
        private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+\\.[0-9]+");

        @Parameters(index = "0", paramLabel = "TEMPLATE", description = "The template's name, e.g. invitation.")
        String template;

        @Option(names = "--locale", paramLabel = "TAG", defaultValue = "",
                description = "The recipient's locale as a BCP 47 tag (de, de-CH, ar, ja); default: the default texts.")
        String locale;

        @Option(names = "--var", paramLabel = "NAME=VALUE",
                description = "A variable; repeat for more. 42 and 4.5 are numbers, true/false booleans, "
                        + "2026-12-24 a date, anything else text.")
        List<String> vars = new ArrayList<>();

        @Override
        int run(Output out) {
            TemplateMessage message = TemplateMessage.of(template, Locale.forLanguageTag(locale));
            for (String var : vars) {
                int eq = var.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--var must be NAME=VALUE, was '" + var + "'");
                }
                message = message.with(var.substring(0, eq), typed(var.substring(eq + 1)));
            }
            RenderedTemplate rendered;
            try (Notifier notifier = notifier(settings(out))) {
                rendered = target(notifier).render(message);
            }
            out.line("Template " + template + " for " + layerName() + ", locale "
                    + (locale.isEmpty() ? "default" : locale) + ":");
            List<Map<String, Object>> parts = new ArrayList<>();
            rendered.parts().forEach((part, p) -> {
                out.line("");
                out.line(part.id() + "  (" + p.key() + ", " + describe(p) + ")");
                p.text().lines().forEach(line -> out.line("  " + line));
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("part", part.id());
                entry.put("text", p.text());
                entry.put("key", p.key());
                entry.put("origin", p.origin().toString());
                entry.put("originKind", p.origin().kind().name().toLowerCase(Locale.ROOT));
                entry.put("originServer", p.origin().serverId().orElse(null));
                entry.put("locale", p.locale().orElse(null));
                parts.add(entry);
            });
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("template", template);
            doc.put("server", server);
            doc.put("locale", locale.isEmpty() ? null : locale);
            doc.put("parts", parts);
            out.document(doc);
            return ExitCode.OK;
        }

        private String describe(RenderedTemplate.RenderedPart p) {
            String from = switch (p.origin().kind()) {
                case DEFAULT -> "shipped default";
                case GLOBAL -> server == null ? "set here" : "inherited from global";
                case SERVER -> p.origin().serverId().orElseThrow().equals(server) ? "set here"
                        : "inherited from server " + p.origin().serverId().orElseThrow();
            };
            return from + ", " + p.locale().map(l -> "locale " + l).orElse("default texts");
        }

        private static Object typed(String value) {
            if (INTEGER.matcher(value).matches()) {
                return Long.parseLong(value);
            }
            if (DECIMAL.matcher(value).matches()) {
                return new BigDecimal(value);
            }
            if (value.equals("true") || value.equals("false")) {
                return Boolean.parseBoolean(value);
            }
            if (value.length() == 10 && value.charAt(4) == '-' && value.charAt(7) == '-') {
                try {
                    return LocalDate.parse(value);
                } catch (DateTimeParseException e) {
                    return value;
                }
            }
            return value;
        }
    }
}
