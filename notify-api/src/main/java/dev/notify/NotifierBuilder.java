package dev.notify;

import dev.notify.internal.DefaultNotifier;
import dev.notify.settings.Settings;
import dev.notify.settings.SettingsSource;
import dev.notify.spi.SenderProvider;
import dev.notify.spi.SettingsExtension;
import dev.notify.template.TemplateEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds a {@link Notifier}. Settings are required; everything else has a default. {@link #build()} copies, so
 * a builder can be reused.
 *
 * <p>This class is not threadsafe.
 */
public final class NotifierBuilder {

    private SettingsSource settings;
    private final List<SenderProvider> providers = new ArrayList<>();
    private final List<SettingsExtension> extensions = new ArrayList<>();
    private boolean discoverProviders = true;
    private ClassLoader classLoader = Notifier.class.getClassLoader();
    private int asyncThreads = 4;
    private int asyncQueueCapacity = 1000;
    private Duration closeTimeout = Duration.ofSeconds(30);
    private final List<SendListener> listeners = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private Scheduler scheduler;
    private TemplateEngine templateEngine = TemplateEngine.standard();

    NotifierBuilder() {
    }

    /** Where settings come from on every send; use an {@code InMemorySettingsSource} or {@code FileSettingsSource}. */
    public NotifierBuilder settings(SettingsSource source) {
        this.settings = Objects.requireNonNull(source, "settings");
        return this;
    }

    /** Fixed settings. */
    public NotifierBuilder settings(Settings fixed) {
        return settings(SettingsSource.of(fixed));
    }

    /**
     * Registers a provider explicitly. It wins over a provider with the same id found with ServiceLoader, so
     * tests and containers with unusual class loaders never depend on discovery.
     */
    public NotifierBuilder provider(SenderProvider provider) {
        providers.add(Objects.requireNonNull(provider, "provider"));
        return this;
    }

    /**
     * Registers a settings extension explicitly (a module with settings of its own that is not a provider); it
     * wins over one with the same id found with ServiceLoader.
     */
    public NotifierBuilder settingsExtension(SettingsExtension extension) {
        extensions.add(Objects.requireNonNull(extension, "extension"));
        return this;
    }

    /** Whether to look for providers and settings extensions with ServiceLoader as well (default true). */
    public NotifierBuilder discoverProviders(boolean discover) {
        this.discoverProviders = discover;
        return this;
    }

    /** The class loader ServiceLoader searches (default: the one that loaded notify-api). */
    public NotifierBuilder classLoader(ClassLoader loader) {
        this.classLoader = Objects.requireNonNull(loader, "classLoader");
        return this;
    }

    /**
     * Threads for asynchronous sends (default 4). Idle threads end after 30 seconds.
     *
     * @throws IllegalArgumentException unless 1-256
     */
    public NotifierBuilder asyncThreads(int threads) {
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("asyncThreads must be 1-256, was " + threads);
        }
        this.asyncThreads = threads;
        return this;
    }

    /**
     * Asynchronous sends that may wait, for a thread or for their next attempt (default 1000), beyond those
     * running; one more is refused with {@link SendRejectedException}.
     *
     * @throws IllegalArgumentException unless 1-1,000,000
     */
    public NotifierBuilder asyncQueueCapacity(int capacity) {
        if (capacity < 1 || capacity > 1_000_000) {
            throw new IllegalArgumentException("asyncQueueCapacity must be 1-1000000, was " + capacity);
        }
        this.asyncQueueCapacity = capacity;
        return this;
    }

    /** How long {@link Notifier#close()} waits for asynchronous sends (default 30 seconds). */
    public NotifierBuilder closeTimeout(Duration timeout) {
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("closeTimeout must not be negative, was " + timeout);
        }
        this.closeTimeout = timeout;
        return this;
    }

    /** Adds a listener that observes every send; see {@link SendListener}. Listeners are called in this order. */
    public NotifierBuilder listener(SendListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** The clock of event times, elapsed times and {@code <channel>.retry.max-time} (default: the system clock, UTC). */
    public NotifierBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Where waits between attempts happen (default: {@link Thread#sleep} for synchronous sends and one daemon
     * thread per notifier for asynchronous ones). A scheduler given here is not shut down by the notifier.
     */
    public NotifierBuilder scheduler(Scheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        return this;
    }

    /**
     * The engine templates ({@code templates.*}) are checked and rendered with; default
     * {@link TemplateEngine#standard()}, notify's logic-less Mustache. The notifier's {@link Notifier#schema()}
     * checks template settings with it: read settings with that schema so that a template is refused when read,
     * not when sent.
     */
    public NotifierBuilder templateEngine(TemplateEngine engine) {
        this.templateEngine = Objects.requireNonNull(engine, "templateEngine");
        return this;
    }

    /**
     * Builds the notifier. Discovers providers but opens no connection.
     *
     * @throws IllegalStateException when no settings were given, or two providers share an id
     */
    public Notifier build() {
        if (settings == null) {
            throw new IllegalStateException("settings are required: call settings(...) before build()");
        }
        return new DefaultNotifier(new DefaultNotifier.Options(settings, List.copyOf(providers), List.copyOf(extensions), discoverProviders,
                classLoader, asyncThreads, asyncQueueCapacity, closeTimeout, List.copyOf(listeners), clock, scheduler,
                templateEngine));
    }
}
