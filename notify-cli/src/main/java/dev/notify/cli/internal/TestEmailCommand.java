package dev.notify.cli.internal;

import dev.notify.Notifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "test-email", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Send the standard test email with the effective settings of a server (the \"Test Email\" button).")
public final class TestEmailCommand extends ConfiguredCommand {

    @Option(names = "--to", required = true, paramLabel = "ADDRESS", description = "Who receives the test email.")
    String to;

    @Override
    int run(Output out) {
        try (Notifier notifier = notifier(settings(out))) {
            return Outcomes.result(out, target(notifier).sendTestEmail(to), "Test email");
        }
    }
}
