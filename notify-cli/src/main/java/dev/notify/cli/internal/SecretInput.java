package dev.notify.cli.internal;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A secret's value typed at a prompt without echo when the command runs in a terminal, else the first line of
 * standard input, so that it never appears in shell history or in the process list.
 */
final class SecretInput {

    private SecretInput() {
    }

    /** The value, or null when nothing was typed or piped. */
    static String read(String key) {
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("Value of %s (not echoed): ", key);
            return typed == null ? null : new String(typed);
        }
        try {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the value of " + key + " from standard input", e);
        }
    }
}
