package dev.notify.spring.boot.internal;

import dev.notify.Problem;
import dev.notify.SettingsException;
import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports invalid notify settings at startup as a list of keys to fix, instead of a stack trace. */
public final class SettingsFailureAnalyzer extends AbstractFailureAnalyzer<SettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SettingsException cause) {
        String problems = cause.problems().stream().map(Problem::toString).map(p -> "    " + p)
                .collect(Collectors.joining("\n"));
        String description = (cause.problems().size() == 1 ? "A notify setting is invalid:\n"
                : cause.problems().size() + " notify settings are invalid:\n") + problems;
        String action = "Correct the notify.* properties listed above. The settings are notify's own keys under "
                + "notify. (a server's as notify.servers.<id>.<key>); your IDE completes them from the starter's "
                + "configuration metadata.";
        return new FailureAnalysis(description, action, cause);
    }
}
