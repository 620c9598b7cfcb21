package dev.notify.store;

import dev.notify.settings.SettingsSchema;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * What every store backend is opened with: the schema its changes are validated against, the encryption keys of
 * its secrets, the clock its history is stamped with, how often {@link SettingsStore#current()} looks for a change,
 * and where {@code ${env:NAME}} references are looked up. {@link #defaults()} suits most hosts. This class is
 * immutable and threadsafe.
 */
public final class StoreOptions {

    private final SettingsSchema schema;
    private final EncryptionKeys keys;
    private final Clock clock;
    private final Duration checkInterval;
    private final Function<String, String> environment;

    private StoreOptions(Builder b) {
        this.schema = b.schema;
        this.keys = b.keys;
        this.clock = b.clock;
        this.checkInterval = b.checkInterval;
        this.environment = b.environment;
    }

    /**
     * The installed schema, no encryption keys (secrets can then be written only as references), the system clock,
     * a check every second, the process environment.
     */
    public static StoreOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.schema = schema;
        b.keys = keys;
        b.clock = clock;
        b.checkInterval = checkInterval;
        b.environment = environment;
        return b;
    }

    public SettingsSchema schema() {
        return schema != null ? schema : SettingsSchema.installed();
    }

    public EncryptionKeys keys() {
        return keys;
    }

    public Clock clock() {
        return clock;
    }

    public Duration checkInterval() {
        return checkInterval;
    }

    public Function<String, String> environment() {
        return environment;
    }

    /** Collects options; {@link #build()} copies. This class is not threadsafe. */
    public static final class Builder {
        private SettingsSchema schema;
        private EncryptionKeys keys = EncryptionKeys.none();
        private Clock clock = Clock.systemUTC();
        private Duration checkInterval = Duration.ofSeconds(1);
        private Function<String, String> environment = System::getenv;

        private Builder() {
        }

        /** The keys changes are validated against: a notifier's ({@code notifier.schema()}) or the installed ones. */
        public Builder schema(SettingsSchema schema) {
            this.schema = Objects.requireNonNull(schema, "schema");
            return this;
        }

        /** The keys secrets are encrypted with; without any, a secret can be set only as a reference. */
        public Builder keys(EncryptionKeys keys) {
            this.keys = Objects.requireNonNull(keys, "keys");
            return this;
        }

        /** The clock history entries and status changes are stamped with. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How often {@link SettingsStore#current()} looks for a change at most; zero looks on every call. */
        public Builder checkInterval(Duration interval) {
            if (Objects.requireNonNull(interval, "check interval").isNegative()) {
                throw new IllegalArgumentException("check interval must not be negative, was " + interval);
            }
            this.checkInterval = interval;
            return this;
        }

        /** Where {@code ${env:NAME}} references are looked up; returns null for an unset variable. */
        public Builder environment(Function<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        public StoreOptions build() {
            return new StoreOptions(this);
        }
    }
}
