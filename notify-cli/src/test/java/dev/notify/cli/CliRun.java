package dev.notify.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** One in-process run of the command line: exit code, standard output and standard error. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = NotifyCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }

    /**
     * Like {@link #of}, with what the libraries' loggers write to {@code System.err} during the run added to
     * {@link #err()}, as a terminal would show it.
     */
    static synchronized CliRun withProcessStderr(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream processErr = new ByteArrayOutputStream();
        System.setErr(new PrintStream(processErr, true, StandardCharsets.UTF_8));
        CliRun run;
        try {
            run = of(args);
        } finally {
            System.setErr(original);
        }
        return new CliRun(run.exitCode(), run.out(), processErr.toString(StandardCharsets.UTF_8) + run.err());
    }

    /** Like {@link #of}, with {@code input} on {@code System.in}, as piped to the command. */
    static synchronized CliRun withStdin(String input, String... args) {
        java.io.InputStream original = System.in;
        System.setIn(new java.io.ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            return of(args);
        } finally {
            System.setIn(original);
        }
    }

    JsonNode json() {
        try {
            return new ObjectMapper().readTree(out);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + out, e);
        }
    }

    String all() {
        return out + err;
    }

    static Path writeConfig(Path dir, String... lines) {
        try {
            Path file = dir.resolve("notify.properties");
            Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
