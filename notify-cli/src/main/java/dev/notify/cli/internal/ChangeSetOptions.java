package dev.notify.cli.internal;

import dev.notify.store.ChangeSet;
import dev.notify.store.SettingsStore;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The version a {@code settings set} or {@code unset} is made against, its author and comment. */
final class ChangeSetOptions {

    @Option(names = "--base", paramLabel = "VERSION",
            description = "Refuse the change if the store is no longer at this version (default: the version now).")
    Long base;

    @Mixin
    EditOptions edit;

    ChangeSet.Builder builder(SettingsStore store) {
        return ChangeSet.builder(base != null ? base : store.snapshot().version(), edit.author()).comment(edit.comment);
    }
}
