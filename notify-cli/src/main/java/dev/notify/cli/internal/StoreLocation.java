package dev.notify.cli.internal;

import dev.notify.store.EncryptionKeys;
import dev.notify.store.FileSettingsStore;
import dev.notify.store.JdbcSettingsStore;
import dev.notify.store.SettingsStore;
import dev.notify.store.StoreOptions;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Which settings store a {@code settings} command works on, and the encryption keys of its secrets: from a file or
 * an environment variable, never from the command line.
 */
final class StoreLocation {

    static final String KEYS_VARIABLE = "NOTIFY_SETTINGS_KEYS";

    /** One backend's option each; a new backend adds its option here and a branch in {@link #open()}. */
    static final class Where {
        @Option(names = "--config", paramLabel = "FILE",
                description = "The settings file; its history is FILE.journal beside it.")
        Path config;

        @Option(names = "--jdbc-url", paramLabel = "URL", description = "The JDBC URL of the PostgreSQL database "
                + "with the store's tables, created when absent (password: --jdbc-password-env).")
        String jdbcUrl;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Where where;

    @Mixin
    JdbcLogin login;

    @Option(names = "--keys-file", paramLabel = "FILE",
            description = "The file with the encryption keys of secrets (lines <id>:<base64 key>, the current first).")
    Path keysFile;

    @Option(names = "--keys-env", paramLabel = "VARIABLE",
            description = "The environment variable with the encryption keys (default: " + KEYS_VARIABLE
                    + ", when it is set).")
    String keysVariable;

    SettingsStore open() {
        StoreOptions options = StoreOptions.builder().keys(keys()).build();
        if (where.jdbcUrl != null) {
            return JdbcSettingsStore.builder(login.dataSource(where.jdbcUrl)).options(options)
                    .description("settings store at " + UrlCredentials.mask(where.jdbcUrl)).build();
        }
        return FileSettingsStore.open(where.config, options);
    }

    EncryptionKeys keys() {
        if (keysFile != null && keysVariable != null) {
            throw new IllegalArgumentException("give --keys-file or --keys-env, not both");
        }
        if (keysFile != null) {
            return EncryptionKeys.fromFile(keysFile);
        }
        if (keysVariable != null) {
            return EncryptionKeys.fromEnvironment(keysVariable);
        }
        return System.getenv(KEYS_VARIABLE) == null ? EncryptionKeys.none() : EncryptionKeys.fromEnvironment(KEYS_VARIABLE);
    }
}
