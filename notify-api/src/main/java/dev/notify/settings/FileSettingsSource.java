package dev.notify.settings;

import dev.notify.SettingsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settings read from a properties file and read again when it changes. The file's content is compared with
 * what was last read at most once per {@linkplain #withCheckInterval check interval} (1 second by default), on
 * the thread that asks for the settings; no thread is started. Content, not the modification time, tells a
 * change, so a rewrite within the file system's timestamp granularity or with a preserved timestamp is seen.
 * A rewritten file that does not parse is logged and ignored: the last good settings stay in force and
 * {@link #lastError()} says why.
 *
 * <p>This class is threadsafe.
 */
public final class FileSettingsSource implements SettingsSource {

    private static final Logger LOG = LoggerFactory.getLogger(FileSettingsSource.class);

    private final Path file;
    private final PropertiesFormat format;
    private final long checkIntervalNanos;
    private volatile State state;
    private volatile long nextCheck;

    private record State(Settings settings, byte[] content, SettingsException error) {
    }

    private FileSettingsSource(Path file, PropertiesFormat format, Duration checkInterval, State state) {
        this.file = file;
        this.format = format;
        this.checkIntervalNanos = checkInterval.toNanos();
        this.state = state;
        this.nextCheck = System.nanoTime() + checkIntervalNanos;
    }

    /**
     * Reads the file now.
     *
     * @throws SettingsException when the file cannot be read or its settings are invalid
     */
    public static FileSettingsSource of(Path file) {
        return of(file, PropertiesFormat.standard());
    }

    /** Reads the file now with a format (a key prefix, an environment). */
    public static FileSettingsSource of(Path file, PropertiesFormat format) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        byte[] content = content(file);
        return new FileSettingsSource(file, format, Duration.ofSeconds(1), new State(format.read(file), content, null));
    }

    /** The same source checking the file at most once per {@code interval}; zero checks on every call. */
    public FileSettingsSource withCheckInterval(Duration interval) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("check interval must not be negative, was " + interval);
        }
        return new FileSettingsSource(file, format, interval, state);
    }

    public Path file() {
        return file;
    }

    @Override
    public Settings current() {
        if (System.nanoTime() - nextCheck >= 0) {
            reloadIfChanged();
        }
        return state.settings;
    }

    /** Why the last change to the file was not applied, if it was not. */
    public Optional<SettingsException> lastError() {
        return Optional.ofNullable(state.error);
    }

    private synchronized void reloadIfChanged() {
        long now = System.nanoTime();
        if (now - nextCheck < 0) {
            return;
        }
        nextCheck = now + checkIntervalNanos;
        State current = state;
        byte[] content = content(file);
        if (Arrays.equals(content, current.content)) {
            return;
        }
        try {
            Settings settings = format.read(file);
            state = new State(settings, content, null);
            LOG.info("Settings reloaded from {}", file);
        } catch (SettingsException e) {
            state = new State(current.settings, content, e);
            LOG.warn("Settings file {} changed but is not valid; the previous settings stay in force:\n{}", file,
                    e.getMessage());
        }
    }

    /** The file's bytes, or null when it cannot be read (a read then reports why). */
    private static byte[] content(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "FileSettingsSource[" + file + "]";
    }

}
