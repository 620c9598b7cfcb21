package dev.notify.cli.internal;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reports usage errors without echoing what was typed, since any argument may hold a secret (a password pasted in
 * the wrong place): an option the command does not know as {@code Unknown option: '--cofig'; did you mean
 * '--config'?} (its name only, and only when it looks like an option name), also when picocli found a required
 * option missing first (the one that was misspelt); an unknown command or stray argument by its position, with
 * picocli's suggestions (names of real commands); an invalid option value by the option's name. Missing options
 * and notify's own usage errors are printed as they are. The exit code is picocli's for invalid input.
 */
public final class UnknownOptions implements IParameterExceptionHandler {

    private static final int MAX_EDITS = 2;
    private static final Pattern OPTION_NAME = Pattern.compile("--?[A-Za-z][A-Za-z0-9-]{0,39}");

    public UnknownOptions() {
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        Optional<String> unknown = firstUnknownOption(command);
        if (unknown.isPresent()) {
            List<String> meant = likelyMeant(command.getCommandSpec(), unknown.get());
            err.println("Unknown option" + (OPTION_NAME.matcher(unknown.get()).matches() ? ": '" + unknown.get() + "'"
                    : " (argument " + position(args, command.getParseResult().unmatched().get(0)) + ", not shown)")
                    + (meant.isEmpty() ? "" : "; did you mean '" + String.join("' or '", meant) + "'?"));
            if (meant.isEmpty()) {
                command.usage(err);
            }
        } else if (e instanceof UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            String first = unmatched.getUnmatched().isEmpty() ? null : unmatched.getUnmatched().get(0);
            err.println("Unknown " + (command.getSubcommands().isEmpty() ? "argument" : "command or argument")
                    + " (argument " + position(args, first) + "; not shown, as it may hold a secret)"
                    + (suggestions.isEmpty() ? "" : "; did you mean '" + String.join("' or '", suggestions) + "'?"));
            command.usage(err);
        } else if (e instanceof MissingParameterException || e.getArgSpec() == null) {
            err.println(Output.printable(e.getMessage()));
            command.usage(err);
        } else {
            err.println("Invalid value for " + name(e.getArgSpec()) + " (not shown, as it may hold a secret); see '"
                    + command.getCommandSpec().qualifiedName() + " --help'");
        }
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static String position(String[] args, String argument) {
        int index = argument == null ? -1 : java.util.Arrays.asList(args).indexOf(argument);
        return index < 0 ? "?" : Integer.toString(index + 1);
    }

    private static String name(ArgSpec spec) {
        if (spec instanceof OptionSpec option) {
            return "option '" + option.longestName() + "'";
        }
        return "parameter " + Output.printable(spec.paramLabel());
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
