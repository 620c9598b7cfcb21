package dev.notify.cli.internal;

import dev.notify.Notifier;
import dev.notify.ServerNotifier;
import dev.notify.settings.Settings;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A command that works on a settings file, for the global settings or one server. */
abstract class ConfiguredCommand extends BaseCommand {

    private static final int NAMED_SERVERS = 5;

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "The settings file (properties; see the README's reference).")
    Path config;

    @Option(names = "--server", paramLabel = "ID",
            description = "Use this server's settings (its overrides on top of the global ones). Default: global.")
    String server;

    @Mixin
    ProvidersOption providers;

    /**
     * The settings file, read so that a bad entry of one server affects only that server. A {@code --server}
     * the file does not mention gets the global settings, with a warning naming the servers it does mention. A key
     * written under a deprecated name is a warning naming the key to write instead.
     */
    Settings settings(Output out) {
        Settings settings = providers.format().isolatingInvalidServers().read(config);
        settings.deprecatedNames().forEach(p -> out.warning(p.key() + ": " + p.message()));
        if (server != null && !settings.serverIds().contains(server)) {
            out.warning("server " + server + " is not in " + config + "; the global settings apply. "
                    + (settings.serverIds().isEmpty() ? "The file has no servers."
                            : "Servers in the file: " + someOf(settings.serverIds())));
        }
        return settings;
    }

    /** The first few ids and how many there are: a file of 100,000 servers gives one line, not all of them. */
    private static String someOf(Set<String> ids) {
        List<String> first = ids.stream().limit(NAMED_SERVERS).toList();
        return String.join(", ", first) + (ids.size() > first.size() ? " and " + (ids.size() - first.size())
                + " more (" + ids.size() + " servers)" : "");
    }

    Notifier notifier(Settings settings) {
        return providers.builder().settings(settings).build();
    }

    ServerNotifier target(Notifier notifier) {
        return server == null ? notifier.global() : notifier.server(server);
    }

    String layerName() {
        return server == null ? "the global settings" : "server " + server;
    }
}
