package dev.notify.cli.internal;

import dev.notify.settings.Secret;
import dev.notify.settings.SettingKey;
import dev.notify.settings.SettingsSchema;
import dev.notify.store.ChangeSet;
import dev.notify.store.SettingsStore;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code notify settings set KEY [VALUE]}. A secret's value is never taken from the command line: it is typed at a
 * prompt without echo or piped on standard input; only a reference ({@code ${env:NAME}}, {@code ${file:PATH}}) may
 * be given as its value. No error repeats the value.
 */
@Command(name = "set", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Set a key (full key: email.smtp.host, servers.eu-1.email.smtp.host). A secret's value is read "
                + "from a prompt or standard input, never from the command line.")
final class SettingsSetCommand extends SettingsCommand.StoreCommand {

    @Parameters(index = "0", paramLabel = "KEY", description = "The full key.")
    String key;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VALUE",
            description = "The value; empty for \"no value\" in this layer. For a secret, only a reference.")
    String value;

    @Mixin
    ChangeSetOptions change;

    @Override
    int run(SettingsStore store, Output out) {
        boolean secret = SettingsSchema.installed().key(layerKey(key)).map(SettingKey::isSecret).orElse(false);
        ChangeSet.Builder changes = change.builder(store);
        if (secret) {
            if (value != null && !value.strip().matches("\\$\\{(env|file):[^}]*}")) {
                throw new IllegalArgumentException(key + " is a secret: its value is not taken from the command line"
                        + " (shell history, the process list). Leave the value out to type it at a prompt or pipe it"
                        + " on standard input, or give a reference (${env:NAME} or ${file:PATH})");
            }
            String given = value != null ? value : SecretInput.read(key);
            if (given == null) {
                throw new IllegalArgumentException(key + ": no value was typed or given on standard input");
            }
            changes.setSecret(key, Secret.of(given));
        } else {
            if (value == null) {
                throw new IllegalArgumentException(key + ": give a value (an empty one for \"no value\")");
            }
            changes.set(key, value);
        }
        return SettingsCommand.saved(out, store.apply(changes.build()));
    }

    static String layerKey(String fullKey) {
        return fullKey.matches("servers\\.[^.]+\\..+") ? fullKey.substring(fullKey.indexOf('.', 8) + 1) : fullKey;
    }

    @Command(name = "unset", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Remove keys from their layers, so their values are inherited again.")
    static final class Unset extends SettingsCommand.StoreCommand {
        @Parameters(paramLabel = "KEY", arity = "1..*", description = "The full keys.")
        List<String> keys;

        @Mixin
        ChangeSetOptions change;

        @Override
        int run(SettingsStore store, Output out) {
            ChangeSet.Builder changes = change.builder(store);
            keys.forEach(changes::unset);
            return SettingsCommand.saved(out, store.apply(changes.build()));
        }
    }
}
