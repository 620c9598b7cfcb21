package dev.notify.cli.internal;

import picocli.CommandLine.Option;

/** Who makes a change to the settings store, and why, as its history shows them. */
final class EditOptions {

    @Option(names = "--author", paramLabel = "NAME",
            description = "Who makes the change, for the history (default: the operating system's user).")
    String author;

    @Option(names = "--comment", paramLabel = "TEXT", description = "Why, for the history.")
    String comment;

    String author() {
        if (author != null && !author.isBlank()) {
            return author.strip();
        }
        String user = System.getProperty("user.name");
        return user == null || user.isBlank() ? "unknown" : user;
    }
}
