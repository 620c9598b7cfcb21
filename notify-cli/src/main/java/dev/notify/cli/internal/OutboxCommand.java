package dev.notify.cli.internal;

import dev.notify.outbox.OutboxEntry;
import dev.notify.outbox.OutboxState;
import dev.notify.outbox.OutboxStats;
import dev.notify.outbox.spi.Journal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code notify outbox list|stats|retry|purge|pause|resume}: the operations of a durable outbox's journal. */
@Command(name = "outbox", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "List, count, retry and purge the messages of a durable outbox, and pause or resume a server "
                + "(--journal DIR or --jdbc-url URL).",
        subcommands = {OutboxCommand.List.class, OutboxCommand.Stats.class, OutboxCommand.Retry.class,
            OutboxCommand.Purge.class, OutboxCommand.Pause.class, OutboxCommand.Resume.class})
public final class OutboxCommand extends BaseCommand {

    @Override
    int run(Output out) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "Missing command: choose one of list, stats, retry, purge, pause, resume");
    }

    /** The states an option names, comma separated, case-insensitive. */
    static Set<OutboxState> states(java.util.List<String> names) {
        Set<OutboxState> states = EnumSet.noneOf(OutboxState.class);
        for (String name : names) {
            try {
                states.add(OutboxState.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--state: '" + name + "' is not one of pending, retrying, "
                        + "accepted, partially-accepted, failed");
            }
        }
        return states;
    }

    static Map<String, Object> describe(OutboxEntry e) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", e.id());
        doc.put("state", e.state().name());
        doc.put("server", e.serverId().orElse(null));
        doc.put("channel", e.channel().name().toLowerCase(Locale.ROOT));
        doc.put("messageId", e.messageId());
        doc.put("enqueuedAt", e.enqueuedAt().toString());
        doc.put("attempts", e.attempts());
        doc.put("nextAttemptAt", e.nextAttemptAt().map(Instant::toString).orElse(null));
        doc.put("finishedAt", e.finishedAt().map(Instant::toString).orElse(null));
        doc.put("failureClass", e.failureClass().map(Enum::name).orElse(null));
        doc.put("reason", e.reason().orElse(null));
        e.delivery().ifPresent(status -> doc.put("delivery", status.name()));
        return doc;
    }

    static Map<String, Object> counts(Journal journal) {
        Map<String, Object> counts = new LinkedHashMap<>();
        journal.counts().forEach((state, n) -> counts.put(state.name(), n));
        return counts;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Count the messages by state and list those waiting or failed, oldest first.")
    static final class List extends BaseCommand {
        @Mixin
        JournalOptions journalOptions;

        @Option(names = "--state", split = ",", paramLabel = "STATE",
                description = "States to list (default: pending,retrying,failed).")
        java.util.List<String> states = java.util.List.of("pending", "retrying", "failed");

        @Option(names = "--limit", defaultValue = "100", description = "At most this many (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        int run(Output out) {
            if (limit < 1) {
                throw new IllegalArgumentException("--limit must be 1 or more, was " + limit);
            }
            Set<OutboxState> chosen = states(states);
            try (Journal journal = journalOptions.open(true)) {
                Map<String, Object> counts = counts(journal);
                java.util.List<Map<String, Object>> entries = new ArrayList<>();
                out.line(journal.describe() + ": " + counts);
                for (OutboxEntry e : journal.list(chosen, limit)) {
                    entries.add(describe(e));
                    out.line(e.id() + "  " + e.state() + "  " + e.channel().name().toLowerCase(Locale.ROOT) + "  "
                            + e.serverId().orElse("global") + "  " + e.messageId() + "  attempts " + e.attempts()
                            + e.nextAttemptAt().map(t -> "  next " + t).orElse("")
                            + e.delivery().map(d -> "  delivery " + d).orElse("")
                            + e.reason().map(r -> "  " + r).orElse(""));
                }
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("journal", journal.describe());
                doc.put("counts", counts);
                doc.put("entries", entries);
                out.document(doc);
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "retry", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Queue failed messages again, due now. A file journal must not be in use by the application.")
    static final class Retry extends BaseCommand {
        @Mixin
        JournalOptions journalOptions;

        @Parameters(paramLabel = "ID", description = "The messages to retry.")
        java.util.List<String> ids = java.util.List.of();

        @Option(names = "--all-failed", description = "Retry every failed message.")
        boolean allFailed;

        @Override
        int run(Output out) {
            if (ids.isEmpty() == !allFailed) {
                throw new IllegalArgumentException("name the messages to retry, or give --all-failed (not both)");
            }
            try (Journal journal = journalOptions.open(false)) {
                java.util.List<String> chosen = allFailed
                        ? journal.list(EnumSet.of(OutboxState.FAILED), Integer.MAX_VALUE).stream().map(OutboxEntry::id).toList()
                        : ids;
                java.util.List<String> requeued = new ArrayList<>();
                java.util.List<String> notFailed = new ArrayList<>();
                java.util.List<String> contentLost = new ArrayList<>();
                Instant now = Instant.now();
                for (String id : chosen) {
                    if (journal.requeue(id, now)) {
                        requeued.add(id);
                    } else {
                        boolean failed = journal.find(id).filter(e -> e.state() == OutboxState.FAILED).isPresent();
                        (failed ? contentLost : notFailed).add(id);
                    }
                }
                out.line("Queued again: " + requeued.size() + (notFailed.isEmpty() ? ""
                        : "; not a failed message: " + String.join(", ", notFailed)) + (contentLost.isEmpty() ? ""
                        : "; failed, but the journal no longer holds their content, so they cannot be sent again "
                                + "(remove them with purge): " + String.join(", ", contentLost)));
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("requeued", requeued);
                doc.put("notFailed", notFailed);
                doc.put("contentLost", contentLost);
                out.document(doc);
                return notFailed.isEmpty() && contentLost.isEmpty() ? ExitCode.OK : ExitCode.INVALID;
            }
        }
    }

    @Command(name = "purge", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Remove messages for good, content included. A file journal must not be in use by the "
                    + "application.")
    static final class Purge extends BaseCommand {
        @Mixin
        JournalOptions journalOptions;

        @Option(names = "--state", split = ",", paramLabel = "STATE", required = true,
                description = "Remove messages in these states (failed, accepted, ...).")
        java.util.List<String> states;

        @Parameters(paramLabel = "ID", description = "Only these messages (of those states).")
        java.util.List<String> ids = java.util.List.of();

        @Override
        int run(Output out) {
            Set<OutboxState> chosen = states(states);
            try (Journal journal = journalOptions.open(false)) {
                int removed = journal.purge(chosen, Set.copyOf(ids));
                out.line("Removed: " + removed);
                out.document(Map.of("removed", removed));
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "stats", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Count the messages by state, show how long the message due longest has waited, and the "
                    + "servers paused or held back (a relay's 421/429, a spent rate budget).")
    static final class Stats extends BaseCommand {
        @Mixin
        JournalOptions journalOptions;

        @Override
        int run(Output out) {
            try (Journal journal = journalOptions.open(true)) {
                OutboxStats stats = journal.stats(Instant.now());
                Map<String, Object> counts = new LinkedHashMap<>();
                stats.counts().forEach((state, n) -> counts.put(state.name(), n));
                out.line(journal.describe() + ": " + counts);
                out.line("Oldest due message waiting: " + stats.oldestDue().map(t -> stats.oldestDueAge().toSeconds()
                        + " s (due since " + t + ")").orElse("none"));
                java.util.List<String> paused = stats.pausedServers().stream().map(OutboxCommand::serverName).sorted()
                        .toList();
                out.line("Paused servers: " + (paused.isEmpty() ? "none" : String.join(", ", paused)));
                Map<String, Object> held = new LinkedHashMap<>();
                stats.heldUntil().forEach((server, until) -> held.put(serverName(server), until.toString()));
                if (!held.isEmpty()) {
                    out.line("Held back until: " + held);
                }
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("journal", journal.describe());
                doc.put("at", stats.at().toString());
                doc.put("counts", counts);
                doc.put("oldestDue", stats.oldestDue().map(Instant::toString).orElse(null));
                doc.put("oldestDueAgeSeconds", stats.oldestDueAge().toSeconds());
                doc.put("pausedServers", paused);
                doc.put("heldUntil", held);
                out.document(doc);
            }
            return ExitCode.OK;
        }
    }

    /** How the CLI names a server: its id, or "global" for the global settings. */
    static String serverName(String server) {
        return server.equals(Journal.GLOBAL) ? "global" : server;
    }

    /** The server that {@code --server} or {@code --global} names, as the journal names it. */
    static final class ServerChoice {
        @Option(names = "--server", paramLabel = "NAME", description = "The server (its id in the settings).")
        String server;

        @Option(names = "--global", description = "The global settings instead of a server.")
        boolean global;

        String journalName() {
            if ((server == null) == !global) {
                throw new IllegalArgumentException("name the server with --server NAME, or give --global (not both)");
            }
            return global ? Journal.GLOBAL : server;
        }
    }

    /** Pause and resume: one journal call for the server that {@code --server} or {@code --global} names. */
    abstract static class ServerSwitch extends BaseCommand {
        @Mixin
        JournalOptions journalOptions;

        @Mixin
        ServerChoice choice;

        private final boolean pause;

        ServerSwitch(boolean pause) {
            this.pause = pause;
        }

        @Override
        final int run(Output out) {
            String server = choice.journalName();
            try (Journal journal = journalOptions.open(false)) {
                String name = serverName(server);
                if (pause) {
                    journal.pause(server);
                    out.line("Paused: " + name + " (its messages stay queued until resume)");
                } else {
                    journal.resume(server);
                    out.line("Resumed: " + name);
                }
                out.document(Map.of(pause ? "paused" : "resumed", name));
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Stop delivering through a server (a relay under maintenance): its messages stay queued, "
                    + "for every process sharing the journal, until resume. A file journal must not be in use by "
                    + "the application.")
    static final class Pause extends ServerSwitch {
        Pause() {
            super(true);
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Deliver through a paused server again. A file journal must not be in use by the "
                    + "application.")
    static final class Resume extends ServerSwitch {
        Resume() {
            super(false);
        }
    }
}
