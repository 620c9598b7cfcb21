package dev.notify.cli.internal;

import dev.notify.Notifier;
import dev.notify.message.SmsMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "send-sms", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Send an SMS with the effective settings of a server.")
public final class SendSmsCommand extends ConfiguredCommand {

    @Option(names = "--to", required = true, paramLabel = "PHONE", description = "The phone number, e.g. +1 555 010 1234.")
    String to;

    @Option(names = "--text", required = true, paramLabel = "TEXT")
    String text;

    @Override
    int run(Output out) {
        SmsMessage sms = SmsMessage.of(to, text);
        try (Notifier notifier = notifier(settings(out))) {
            return Outcomes.result(out, target(notifier).sendSms(sms), "SMS");
        }
    }
}
