package dev.notify.internal;

import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.Settings;
import dev.notify.settings.SettingsSchema;
import dev.notify.settings.SettingsSource;
import java.time.Clock;

/** What every send of one notifier shares. */
record NotifierCore(SettingsSource source, SettingsSchema schema, SenderRegistry senders, Listeners listeners,
        Clock clock, ReceiptTracker deliveries) {

    /** A server's settings under the notifier's schema; the global settings when {@code server} is null. */
    ResolvedSettings resolve(Settings settings, String server) {
        return server == null ? settings.resolveGlobal(schema) : settings.resolve(server, schema);
    }
}
