package dev.notify.cli.internal;

import dev.notify.store.ConflictException;
import dev.notify.store.HistoryEntry;
import dev.notify.store.SettingsStore;
import dev.notify.store.StoreSnapshot;
import dev.notify.store.StoreStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code notify settings show|set|unset|history|rollback|reencrypt}: the settings store, its versioned edits and
 * history. No value of a secret is printed, or taken from the command line.
 */
@Command(name = "settings", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Show and edit the settings store (--config FILE or --jdbc-url URL) with versions and history.",
        subcommands = {SettingsCommand.Show.class, SettingsSetCommand.class, SettingsSetCommand.Unset.class,
            SettingsCommand.History.class, SettingsCommand.Rollback.class, SettingsCommand.Reencrypt.class})
public final class SettingsCommand extends BaseCommand {

    @Override
    int run(Output out) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "Missing command: choose one of show, set, unset, history, rollback, reencrypt");
    }

    /** A command on the store that reports a conflict with the keys the other edits changed. */
    abstract static class StoreCommand extends BaseCommand {
        @Mixin
        StoreLocation location;

        @Override
        final int run(Output out) {
            try (SettingsStore store = location.open()) {
                StoreStatus status = store.status();
                if (!status.isOk()) {
                    out.warning(status.problem().orElse(status.state().name()));
                }
                return run(store, out);
            } catch (ConflictException e) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("status", "CONFLICT");
                doc.put("baseVersion", e.baseVersion());
                doc.put("currentVersion", e.currentVersion());
                doc.put("changedKeys", List.copyOf(e.changedKeys()));
                out.error("Not saved: " + e.getMessage());
                out.document(doc);
                return ExitCode.DELIVERY_FAILED;
            }
        }

        abstract int run(SettingsStore store, Output out);
    }

    @Command(name = "show", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Print the stored keys and the version; secrets show as ******** or their reference.")
    static final class Show extends StoreCommand {
        @Option(names = "--server", paramLabel = "ID", description = "Only this server's layer.")
        String server;

        @Override
        int run(SettingsStore store, Output out) {
            StoreSnapshot snapshot = store.snapshot();
            String prefix = server == null ? null : "servers." + server + ".";
            Map<String, Object> values = new LinkedHashMap<>();
            List<String> secrets = new ArrayList<>();
            out.line("version " + snapshot.version());
            snapshot.values().forEach((key, value) -> {
                if (prefix == null || key.startsWith(prefix)) {
                    values.put(key, value);
                    if (snapshot.isSecret(key)) {
                        secrets.add(key);
                    }
                    out.line(key + "=" + value);
                }
            });
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("version", snapshot.version());
            doc.put("status", store.status().state().name());
            doc.put("values", values);
            doc.put("secrets", secrets);
            out.document(doc);
            return ExitCode.OK;
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "List the latest changes, oldest first: version, time, author, comment and changed keys.")
    static final class History extends StoreCommand {
        @Option(names = "--limit", defaultValue = "20", description = "At most this many (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        int run(SettingsStore store, Output out) {
            if (limit < 1) {
                throw new IllegalArgumentException("--limit must be 1 or more, was " + limit);
            }
            long latest = store.snapshot().version();
            List<Map<String, Object>> entries = new ArrayList<>();
            for (HistoryEntry e : store.history(Math.max(0, latest - limit), limit)) {
                out.line("version " + e.version() + "  " + e.time() + "  " + e.author() + "  "
                        + e.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                        + e.comment().map(c -> "  \"" + c + "\"").orElse(""));
                List<Map<String, Object>> changes = new ArrayList<>();
                for (HistoryEntry.KeyChange c : e.changes()) {
                    out.line("  " + c);
                    Map<String, Object> change = new LinkedHashMap<>();
                    change.put("key", c.key());
                    change.put("before", c.before().orElse(null));
                    change.put("after", c.after().orElse(null));
                    change.put("secret", c.secret());
                    changes.add(change);
                }
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("version", e.version());
                entry.put("time", e.time().toString());
                entry.put("author", e.author());
                entry.put("kind", e.kind().name());
                entry.put("comment", e.comment().orElse(null));
                entry.put("changes", changes);
                entries.add(entry);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("version", latest);
            doc.put("entries", entries);
            out.document(doc);
            return ExitCode.OK;
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Make the settings what they were at a version, recorded as a new change.")
    static final class Rollback extends StoreCommand {
        @picocli.CommandLine.Parameters(paramLabel = "VERSION", description = "The version to go back to.")
        long version;

        @Mixin
        EditOptions edit;

        @Override
        int run(SettingsStore store, Output out) {
            return saved(out, store.rollback(version, edit.author(), edit.comment));
        }
    }

    @Command(name = "reencrypt", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Encrypt every secret under the current (first) key; run after adding a new key.")
    static final class Reencrypt extends StoreCommand {
        @Mixin
        EditOptions edit;

        @Override
        int run(SettingsStore store, Output out) {
            if (location.keys().currentKeyId().isEmpty()) {
                throw new IllegalArgumentException("no encryption key is configured: give --keys-file or --keys-env, "
                        + "or set " + StoreLocation.KEYS_VARIABLE);
            }
            return saved(out, store.reencrypt(edit.author()));
        }
    }

    static int saved(Output out, long version) {
        out.line("Saved as version " + version);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("status", "SAVED");
        doc.put("version", version);
        out.document(doc);
        return ExitCode.OK;
    }
}
