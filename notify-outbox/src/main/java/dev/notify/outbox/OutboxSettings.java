package dev.notify.outbox;

import dev.notify.settings.SettingKey;
import dev.notify.spi.ProviderSettings;
import dev.notify.spi.SettingsExtension;
import java.time.Duration;
import java.util.List;

/**
 * The outbox's settings, {@code outbox.*}: how long a message may wait, how attempts back off, how long finished
 * messages stay queryable, and how fast a server may be sent to ({@code outbox.rate.*}). Like every key they resolve per server ({@code servers.eu-1.outbox.max-age=6h}) and
 * are read when a message is delivered, not when it is enqueued, so a change applies to queued messages too.
 *
 * <p>Found with ServiceLoader; with {@code discoverProviders(false)} register it with
 * {@code Notifier.builder().settingsExtension(new OutboxSettings())}. This class is immutable and threadsafe.
 */
public final class OutboxSettings implements SettingsExtension {

    public static final SettingKey<Duration> MAX_AGE = SettingKey.duration("outbox.max-age")
            .defaultValue(Duration.ofDays(2))
            .description("A queued message not accepted this long after it was enqueued fails (expired), as an "
                    + "MTA's queue lifetime.")
            .build();
    public static final SettingKey<Duration> RETRY_INITIAL_DELAY = SettingKey.duration("outbox.retry.initial-delay")
            .defaultValue(Duration.ofSeconds(30))
            .description("The wait after the first failed attempt; it doubles for each further one, with jitter.")
            .build();
    public static final SettingKey<Duration> RETRY_MAX_DELAY = SettingKey.duration("outbox.retry.max-delay")
            .defaultValue(Duration.ofHours(1))
            .description("The longest wait between two attempts, also when a server asks for more (Retry-After).")
            .build();
    public static final SettingKey<Duration> KEEP_ACCEPTED = SettingKey.duration("outbox.keep-accepted")
            .defaultValue(Duration.ofHours(1))
            .description("How long an accepted message's outcome stays queryable by id; its content is dropped at once.")
            .build();
    public static final SettingKey<Duration> KEEP_FAILED = SettingKey.duration("outbox.keep-failed")
            .defaultValue(Duration.ofDays(7))
            .description("How long a failed message stays, content included, to be listed and retried.")
            .build();

    /**
     * At most this many messages through the server in any minute, for every process sharing the journal (0: no
     * limit). Microsoft 365 allows an SMTP AUTH mailbox 30.
     */
    public static final SettingKey<Integer> RATE_MESSAGES_PER_MINUTE = SettingKey.integer(
            "outbox.rate.messages-per-minute", 0, 1_000_000)
            .defaultValue(0)
            .description("At most this many messages through this server in any minute, counted across every process "
                    + "sharing the journal; more wait in the journal. 0: no limit. Microsoft 365 allows an SMTP AUTH "
                    + "mailbox 30 a minute.")
            .build();
    /**
     * At most this many recipients through the server in any 24 hours, for every process sharing the journal (0: no
     * limit). Microsoft 365 allows a mailbox 10,000.
     */
    public static final SettingKey<Integer> RATE_RECIPIENTS_PER_DAY = SettingKey.integer(
            "outbox.rate.recipients-per-day", 0, 100_000_000)
            .defaultValue(0)
            .description("At most this many recipients through this server in any 24 hours, counted across every "
                    + "process sharing the journal; more wait in the journal. 0: no limit. Microsoft 365 allows a "
                    + "mailbox 10,000 recipients a day.")
            .build();

    private static final ProviderSettings SETTINGS = ProviderSettings.of(
            List.of(MAX_AGE, RETRY_INITIAL_DELAY, RETRY_MAX_DELAY, KEEP_ACCEPTED, KEEP_FAILED,
                    RATE_MESSAGES_PER_MINUTE, RATE_RECIPIENTS_PER_DAY), check -> {
                if (check.settings().get(RETRY_INITIAL_DELAY).compareTo(check.settings().get(RETRY_MAX_DELAY)) > 0) {
                    check.problem(RETRY_INITIAL_DELAY, "must not be longer than "
                            + check.settings().fullKey(RETRY_MAX_DELAY));
                }
            });

    /** The extension, for ServiceLoader and {@code NotifierBuilder.settingsExtension}. */
    public OutboxSettings() {
    }

    @Override
    public String id() {
        return "outbox";
    }

    @Override
    public ProviderSettings settings() {
        return SETTINGS;
    }
}
