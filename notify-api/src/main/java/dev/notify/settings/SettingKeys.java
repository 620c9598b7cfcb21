package dev.notify.settings;

import dev.notify.Channel;
import dev.notify.message.EmailAddress;
import dev.notify.message.PhoneNumber;
import java.time.Duration;
import java.util.List;

/**
 * The keys of the core: whether each channel is on, which provider delivers it, the email sender, and the retry
 * policy of each channel. Providers declare their own keys through {@link dev.notify.spi.ProviderSettings}; a
 * {@link SettingsSchema} lists them all. Keys are written without a server prefix here; in a properties file a
 * server's value is {@code servers.<id>.<key>}.
 *
 * <p>This class is threadsafe.
 */
public final class SettingKeys {

    public static final SettingKey<Boolean> EMAIL_ENABLED = SettingKey.bool("email.enabled")
            .defaultValue(false)
            .description("Whether this server sends email at all. Off until an administrator turns it on.")
            .build();
    public static final SettingKey<String> EMAIL_DELIVERY_METHOD = SettingKey.identifier("email.delivery-method")
            .description("The id of the provider that delivers email. Without a value: the installed email provider "
                    + "that declares itself the default, or the only one installed.")
            .build();
    public static final SettingKey<EmailAddress> EMAIL_SENDER = SettingKey.mailbox("email.sender")
            .description("The From of every email: 'Display Name <address>' or a bare address.")
            .build();
    public static final SettingKey<EmailAddress> EMAIL_REPLY_TO = SettingKey.mailbox("email.reply-to")
            .description("Reply-To for messages that set none themselves.")
            .build();

    public static final SettingKey<Integer> EMAIL_RETRY_MAX_ATTEMPTS = maxAttempts(Channel.EMAIL);
    public static final SettingKey<Duration> EMAIL_RETRY_INITIAL_DELAY = initialDelay(Channel.EMAIL);
    public static final SettingKey<Duration> EMAIL_RETRY_MAX_DELAY = maxDelay(Channel.EMAIL);
    public static final SettingKey<Duration> EMAIL_RETRY_MAX_TIME = maxTime(Channel.EMAIL);

    public static final SettingKey<Boolean> SMS_ENABLED = SettingKey.bool("sms.enabled")
            .defaultValue(false)
            .description("Whether this server sends SMS.")
            .build();
    public static final SettingKey<String> SMS_DELIVERY_METHOD = SettingKey.identifier("sms.delivery-method")
            .description("The id of the provider that delivers SMS. Without a value: the installed SMS provider "
                    + "that declares itself the default, or the only one installed.")
            .build();
    public static final SettingKey<Integer> SMS_DEFAULT_COUNTRY_CODE = SettingKey.integer("sms.default-country-code", 1, 999)
            .check(code -> PhoneNumber.isAssignedCallingCode(code) ? null
                    : "is not an assigned country calling code (ITU-T E.164), was " + code)
            .description("The country calling code for numbers typed without one (1 for 555.010.1234).")
            .build();
    public static final SettingKey<Integer> SMS_MAX_SEGMENTS = SettingKey.integer("sms.max-segments", 1, 10)
            .defaultValue(1)
            .description("The longest text allowed, in SMS segments; a longer text is refused, never truncated.")
            .build();

    public static final SettingKey<Integer> SMS_RETRY_MAX_ATTEMPTS = maxAttempts(Channel.SMS);
    public static final SettingKey<Duration> SMS_RETRY_INITIAL_DELAY = initialDelay(Channel.SMS);
    public static final SettingKey<Duration> SMS_RETRY_MAX_DELAY = maxDelay(Channel.SMS);
    public static final SettingKey<Duration> SMS_RETRY_MAX_TIME = maxTime(Channel.SMS);

    private static final List<SettingKey<?>> ALL = List.of(EMAIL_ENABLED, EMAIL_DELIVERY_METHOD, EMAIL_SENDER,
            EMAIL_REPLY_TO, EMAIL_RETRY_MAX_ATTEMPTS, EMAIL_RETRY_INITIAL_DELAY, EMAIL_RETRY_MAX_DELAY,
            EMAIL_RETRY_MAX_TIME, SMS_ENABLED, SMS_DELIVERY_METHOD, SMS_DEFAULT_COUNTRY_CODE, SMS_MAX_SEGMENTS,
            SMS_RETRY_MAX_ATTEMPTS, SMS_RETRY_INITIAL_DELAY, SMS_RETRY_MAX_DELAY, SMS_RETRY_MAX_TIME);

    private SettingKeys() {
    }

    /** The core's keys, in reference order. */
    public static List<SettingKey<?>> all() {
        return ALL;
    }

    /** {@code email.enabled} or {@code sms.enabled}. */
    public static SettingKey<Boolean> enabled(Channel channel) {
        return channel == Channel.EMAIL ? EMAIL_ENABLED : SMS_ENABLED;
    }

    /** {@code email.delivery-method} or {@code sms.delivery-method}. */
    public static SettingKey<String> deliveryMethod(Channel channel) {
        return channel == Channel.EMAIL ? EMAIL_DELIVERY_METHOD : SMS_DELIVERY_METHOD;
    }

    /** The retry keys of a channel: max attempts, initial delay, max delay, max time. */
    public static RetryKeys retry(Channel channel) {
        return channel == Channel.EMAIL
                ? new RetryKeys(EMAIL_RETRY_MAX_ATTEMPTS, EMAIL_RETRY_INITIAL_DELAY, EMAIL_RETRY_MAX_DELAY, EMAIL_RETRY_MAX_TIME)
                : new RetryKeys(SMS_RETRY_MAX_ATTEMPTS, SMS_RETRY_INITIAL_DELAY, SMS_RETRY_MAX_DELAY, SMS_RETRY_MAX_TIME);
    }

    /** The four retry keys of one channel. */
    public record RetryKeys(SettingKey<Integer> maxAttempts, SettingKey<Duration> initialDelay,
            SettingKey<Duration> maxDelay, SettingKey<Duration> maxTime) {
    }

    private static String prefix(Channel channel) {
        return channel == Channel.EMAIL ? "email" : "sms";
    }

    private static SettingKey<Integer> maxAttempts(Channel channel) {
        return SettingKey.integer(prefix(channel) + ".retry.max-attempts", 1, 20)
                .defaultValue(3)
                .description("Attempts per message, the first included; only transient failures are retried.")
                .build();
    }

    private static SettingKey<Duration> initialDelay(Channel channel) {
        return SettingKey.builder(prefix(channel) + ".retry.initial-delay", Duration.class, ValueParsers::duration)
                .check(ValueParsers::notNegative)
                .formatter(ValueParsers::formatDuration)
                .defaultValue(Duration.ofSeconds(1))
                .description("The wait before the second attempt; it doubles for each further attempt, with jitter.")
                .build();
    }

    private static SettingKey<Duration> maxDelay(Channel channel) {
        return SettingKey.duration(prefix(channel) + ".retry.max-delay")
                .defaultValue(Duration.ofSeconds(30))
                .description("The longest single wait, also when a server asks for more (Retry-After).")
                .build();
    }

    private static SettingKey<Duration> maxTime(Channel channel) {
        return SettingKey.duration(prefix(channel) + ".retry.max-time")
                .defaultValue(Duration.ofMinutes(2))
                .description("No new attempt starts after this long since the first.")
                .build();
    }
}
