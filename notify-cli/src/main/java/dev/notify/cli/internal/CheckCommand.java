package dev.notify.cli.internal;

import dev.notify.Channel;
import dev.notify.CheckReport;
import dev.notify.Notifier;
import dev.notify.settings.Settings;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Validate a server's settings and probe its email or SMS delivery without sending anything "
                + "(SMTP: connect, STARTTLS, AUTH; Graph: token and Mail.Send role; Twilio: the account; Vonage and "
                + "Infobip: the balance; webhook: its health URL; email gateway: the email delivery).")
public final class CheckCommand extends ConfiguredCommand {

    @Option(names = "--channel", paramLabel = "CHANNEL", defaultValue = "email",
            description = "The delivery to check: email (the default) or sms.")
    String channel;

    @Override
    int run(Output out) {
        Channel checked = channel(channel);
        Settings settings = settings(out);
        try (Notifier notifier = notifier(settings)) {
            CheckReport report = target(notifier).check(checked);
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("server", server);
            doc.put("channel", checked.name().toLowerCase(Locale.ROOT));
            doc.put("provider", report.providerId());
            doc.put("ok", report.ok());
            Map<String, Object> items = new LinkedHashMap<>();
            report.items().forEach(i -> items.put(i.name(), i.value()));
            doc.put("items", items);
            doc.put("failure", report.failure().orElse(null));
            doc.put("problems", Outcomes.problems(report.settingsProblems()));
            out.line("Check of " + layerName() + " via " + report.providerId() + ": " + (report.ok() ? "OK" : "FAILED"));
            for (CheckReport.Item item : report.items()) {
                out.line("  " + item.name() + ": " + item.value());
            }
            report.failure().ifPresent(f -> out.error("  problem: " + f));
            out.document(doc);
            if (report.ok()) {
                return ExitCode.OK;
            }
            return report.settingsProblems().isEmpty() ? ExitCode.DELIVERY_FAILED : ExitCode.INVALID;
        }
    }

    private static Channel channel(String name) {
        for (Channel c : Channel.values()) {
            if (c.name().equalsIgnoreCase(name.strip())) {
                return c;
            }
        }
        throw new IllegalArgumentException("--channel must be email or sms, was '" + name + "'");
    }
}
