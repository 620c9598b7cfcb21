package dev.notify.cli.internal;

import dev.notify.Channel;
import dev.notify.CheckReport;
import dev.notify.Notifier;
import dev.notify.ServerNotifier;
import dev.notify.settings.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Validate a server's settings and probe the delivery of each enabled channel, or of the one "
                + "--channel names, without sending anything (SMTP: connect, STARTTLS, AUTH; Graph: token and "
                + "Mail.Send role; Twilio: the account; Vonage and Infobip: the balance; webhook: its health URL; "
                + "email gateway: the email delivery).")
public final class CheckCommand extends ConfiguredCommand {

    @Option(names = "--channel", paramLabel = "CHANNEL",
            description = "Check only this delivery: email or sms. Default: every enabled channel.")
    String only;

    @Override
    int run(Output out) {
        Settings settings = settings(out);
        try (Notifier notifier = notifier(settings)) {
            ServerNotifier target = target(notifier);
            List<Channel> channels = new ArrayList<>();
            for (Channel channel : Channel.values()) {
                if (only == null ? target.status(channel).enabled() : channel == channel(only)) {
                    channels.add(channel);
                }
            }
            if (channels.isEmpty()) {
                channels.add(Channel.EMAIL);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("server", server);
            int exit = ExitCode.OK;
            for (Channel channel : channels) {
                CheckReport report = target.check(channel);
                boolean topLevel = channels.size() == 1 || channel == Channel.EMAIL;
                Map<String, Object> entry = topLevel ? doc : new LinkedHashMap<>();
                entry.put("channel", channel.name().toLowerCase(Locale.ROOT));
                entry.put("provider", report.providerId());
                entry.put("ok", report.ok());
                Map<String, Object> items = new LinkedHashMap<>();
                report.items().forEach(i -> items.put(i.name(), i.value()));
                entry.put("items", items);
                entry.put("failure", report.failure().orElse(null));
                entry.put("problems", Outcomes.problems(report.settingsProblems()));
                if (!topLevel) {
                    doc.put(channel.name().toLowerCase(Locale.ROOT), entry);
                }
                out.line("Check of " + layerName() + (channel == Channel.EMAIL ? "" : " SMS") + " via "
                        + report.providerId() + ": " + (report.ok() ? "OK" : "FAILED"));
                for (CheckReport.Item item : report.items()) {
                    out.line("  " + item.name() + ": " + item.value());
                }
                report.failure().ifPresent(f -> out.error("  problem: " + f));
                if (!report.ok()) {
                    exit = Math.max(exit, report.settingsProblems().isEmpty() ? ExitCode.DELIVERY_FAILED : ExitCode.INVALID);
                }
            }
            out.document(doc);
            return exit;
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
