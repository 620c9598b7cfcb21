package dev.notify.cli.internal;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Reports an option the command does not know as {@code Unknown option: '--cofig'; did you mean '--config'?},
 * also when picocli found a required option missing first (the one that was misspelt). Every other usage error,
 * a misspelt command name included, is reported as picocli reports it (with its suggestions), except that no
 * argument given is repeated: any of them could be a secret typed in the wrong place. The exit code is picocli's
 * for invalid input either way.
 */
public final class UnknownOptions implements IParameterExceptionHandler {

    private static final int MAX_EDITS = 2;

    public UnknownOptions() {
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) throws Exception {
        CommandLine command = e.getCommandLine();
        Optional<String> unknown = firstUnknownOption(command);
        if (unknown.isEmpty()) {
            PrintWriter err = command.getErr();
            err.println(withoutArguments(e.getMessage(), args));
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
                command.usage(err);
            }
            err.flush();
            return command.getCommandSpec().exitCodeOnInvalidInput();
        }
        List<String> meant = likelyMeant(command.getCommandSpec(), unknown.get());
        PrintWriter err = command.getErr();
        err.println("Unknown option: '" + unknown.get() + "'"
                + (meant.isEmpty() ? "" : "; did you mean '" + String.join("' or '", meant) + "'?"));
        if (meant.isEmpty()) {
            command.usage(err);
        }
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** The message with every quoted argument that is not an option name replaced by its position. */
    static String withoutArguments(String message, String[] args) {
        String redacted = message;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = arg.startsWith("-") && arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : arg;
            if (!value.isEmpty() && !(value.startsWith("-") && value.equals(arg))) {
                redacted = redacted.replace("'" + arg + "'", "(argument " + (i + 1) + ")")
                        .replace("'" + value + "'", "(argument " + (i + 1) + ")");
            }
        }
        return redacted;
    }

    private static Optional<String> firstUnknownOption(CommandLine command) {
        CommandLine.ParseResult parsed = command.getParseResult();
        if (parsed == null || parsed.unmatched().isEmpty()) {
            return Optional.empty();
        }
        String first = parsed.unmatched().get(0);
        if (!first.startsWith("-") || first.length() < 2) {
            return Optional.empty();
        }
        return Optional.of(first.contains("=") ? first.substring(0, first.indexOf('=')) : first);
    }

    /** The option names closest to {@code typed}, at most two edits away and closer than their own length. */
    private static List<String> likelyMeant(CommandSpec spec, String typed) {
        List<String> best = new ArrayList<>();
        int bestDistance = MAX_EDITS + 1;
        for (OptionSpec option : spec.options()) {
            for (String name : option.names()) {
                int distance = distance(typed, name);
                if (distance >= name.replaceFirst("^-+", "").length()) {
                    continue;
                }
                if (distance < bestDistance) {
                    best.clear();
                    bestDistance = distance;
                }
                if (distance == bestDistance && !best.contains(name)) {
                    best.add(name);
                }
            }
        }
        return best;
    }

    /** Edits (insert, delete, replace, swap two neighbours) that turn {@code a} into {@code b}. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
