package dev.notify.cli;

import dev.notify.cli.internal.AdminCommand;
import dev.notify.cli.internal.CheckCommand;
import dev.notify.cli.internal.DemoCommand;
import dev.notify.cli.internal.ExitCode;
import dev.notify.cli.internal.OutboxCommand;
import dev.notify.cli.internal.Output;
import dev.notify.cli.internal.ResolveCommand;
import dev.notify.cli.internal.SchemaCommand;
import dev.notify.cli.internal.SendEmailCommand;
import dev.notify.cli.internal.SendSmsCommand;
import dev.notify.cli.internal.SettingsCommand;
import dev.notify.cli.internal.TestEmailCommand;
import dev.notify.cli.internal.UnknownOptions;
import dev.notify.cli.internal.VersionProvider;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code notify} command line: {@code demo}, {@code test-email}, {@code send-email}, {@code send-sms},
 * {@code resolve}, {@code check}, {@code schema}, {@code outbox list|retry|purge} and
 * {@code settings show|set|unset|history|rollback|reencrypt}. Exit codes: 0 success, 1 delivery failed, 2 invalid
 * usage or settings, 3 channel disabled for the server, 4 an outbox journal error.
 * Main class of notify.jar; run it with {@code java -cp notify.jar:PROVIDER.jar dev.notify.cli.NotifyCli} to add
 * providers to the class path, or see {@code --providers}.
 */
@Command(name = "notify", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Send and check notification email and SMS with notify's layered settings.",
        subcommands = {DemoCommand.class, TestEmailCommand.class, SendEmailCommand.class, SendSmsCommand.class,
            ResolveCommand.class, CheckCommand.class, SchemaCommand.class, OutboxCommand.class,
            SettingsCommand.class, AdminCommand.class})
public final class NotifyCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private NotifyCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command with the given output streams and returns its exit code; never calls System.exit. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new NotifyCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler(new UnknownOptions());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println(Output.printable("Failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())));
            return ExitCode.DELIVERY_FAILED;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: choose one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
