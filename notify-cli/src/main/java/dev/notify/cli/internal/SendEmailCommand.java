package dev.notify.cli.internal;

import dev.notify.InvalidMessageException;
import dev.notify.Notifier;
import dev.notify.message.EmailMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "send-email", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Send an email with the effective settings of a server.")
public final class SendEmailCommand extends ConfiguredCommand {

    @Option(names = "--to", required = true, paramLabel = "ADDRESS",
            description = "A recipient; repeat for several. Each recipient's outcome is reported.")
    List<String> to;

    @Option(names = "--subject", required = true, paramLabel = "TEXT")
    String subject;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Body body;

    @Option(names = "--attach", paramLabel = "FILE[;type=TYPE]",
            description = "Attach a file, streamed from disk when sent; repeat for several. The content type comes "
                    + "from the file name (application/octet-stream when unknown); add ;type=TYPE to set it.")
    List<String> attach = List.of();

    static final class Body {
        @Option(names = "--text", paramLabel = "TEXT", description = "A plain-text body.")
        String text;

        @Option(names = "--html", paramLabel = "FILE", description = "A file with an HTML body (UTF-8).")
        Path html;
    }

    @Override
    int run(Output out) {
        EmailMessage.Builder message = EmailMessage.builder().subject(subject);
        to.forEach(message::to);
        if (body.text != null) {
            message.text(body.text);
        } else {
            try {
                message.html(Files.readString(body.html, StandardCharsets.UTF_8));
            } catch (IOException | UncheckedIOException e) {
                return Outcomes.usage(out, "--html: cannot read " + body.html + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        for (String spec : attach) {
            try {
                message.attach(AttachmentOption.parse(spec));
            } catch (InvalidMessageException e) {
                return Outcomes.usage(out, "--attach " + spec + ": " + e.getMessage());
            }
        }
        EmailMessage email = message.build();
        try (Notifier notifier = notifier(settings(out))) {
            return Outcomes.result(out, target(notifier).sendEmail(email), "Email");
        }
    }
}
