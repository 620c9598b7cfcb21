package dev.notify.store;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A child process for crash tests: applies change sets to the settings file or JDBC URL given as its argument, forever, each
 * setting every key to values of the same round, and prints {@code A <version>} after each.
 */
public final class ApplyLoop {

    static final int SERVERS = 40;

    private ApplyLoop() {
    }

    public static void main(String[] args) {
        StoreOptions options = StoreOptions.builder().schema(RelaySettings.SCHEMA).checkInterval(Duration.ZERO).build();
        SettingsStore store = args[0].startsWith("jdbc:")
                ? JdbcSettingsStore.builder(EmbeddedDatabase.dataSource(args[0])).options(options).build()
                : FileSettingsStore.open(Path.of(args[0]), options);
        for (int round = 1; ; round++) {
            ChangeSet.Builder changes = ChangeSet.builder(store.snapshot().version(), "loop")
                    .set("relay.host", "h" + round + ".example.com");
            for (int s = 0; s < SERVERS; s++) {
                changes.set("servers.s" + s + ".relay.user", "round-" + round);
            }
            long version = store.apply(changes.build());
            System.out.println("A " + version);
            System.out.flush();
        }
    }
}
