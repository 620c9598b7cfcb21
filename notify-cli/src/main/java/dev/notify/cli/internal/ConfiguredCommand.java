package dev.notify.cli.internal;

import dev.notify.Notifier;
import dev.notify.ServerNotifier;
import dev.notify.settings.PropertiesFormat;
import dev.notify.settings.Settings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** A command that works on a settings file, for the global settings or one server. */
abstract class ConfiguredCommand extends BaseCommand {

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "The settings file (properties; see the README's reference).")
    Path config;

    @Option(names = "--server", paramLabel = "ID",
            description = "Use this server's settings (its overrides on top of the global ones). Default: global.")
    String server;

    /** The settings file, read so that a bad entry of one server affects only that server. */
    Settings settings() {
        return PropertiesFormat.standard().isolatingInvalidServers().read(config);
    }

    static Notifier notifier(Settings settings) {
        return Notifier.builder().settings(settings).build();
    }

    ServerNotifier target(Notifier notifier) {
        return server == null ? notifier.global() : notifier.server(server);
    }

    String layerName() {
        return server == null ? "the global settings" : "server " + server;
    }
}
