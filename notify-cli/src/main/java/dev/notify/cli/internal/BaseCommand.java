package dev.notify.cli.internal;

import dev.notify.NotifyException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What every command shares: {@code --json}, and turning notify's exceptions into an exit code. */
abstract class BaseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON document on standard output instead of text.")
    boolean json;

    @Override
    public Integer call() {
        Output out = new Output(spec.commandLine().getOut(), spec.commandLine().getErr(), json);
        try {
            return run(out);
        } catch (NotifyException e) {
            return Outcomes.failure(out, e);
        } catch (IllegalArgumentException e) {
            return Outcomes.usage(out, e.getMessage());
        }
    }

    abstract int run(Output out);
}
