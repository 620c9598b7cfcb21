package dev.notify.settings;

import dev.notify.SettingsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;

import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settings read from a properties file and read again when it changes. The file's modification time and size
 * are checked at most once per {@linkplain #withCheckInterval check interval} (1 second by default), on the
 * thread that asks for the settings; no thread is started. A rewritten file that does not parse is logged and
 * ignored: the last good settings stay in force and {@link #lastError()} says why.
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

    private record State(Settings settings, FileTime modified, long size, SettingsException error) {
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
        FileTime modified = modified(file);
        long size = size(file);
        return new FileSettingsSource(file, format, Duration.ofSeconds(1),
                new State(format.read(file), modified, size, null));
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
        FileTime modified = modified(file);
        long size = size(file);
        if (Objects.equals(modified, current.modified) && size == current.size) {
            return;
        }
        try {
            Settings settings = format.read(file);
            state = new State(settings, modified, size, null);
            LOG.info("Settings reloaded from {}", file);
        } catch (SettingsException e) {
            state = new State(current.settings, modified, size, e);
            LOG.warn("Settings file {} changed but is not valid; the previous settings stay in force:\n{}", file,
                    e.getMessage());
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).lastModifiedTime();
        } catch (IOException e) {
            return null;
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return "FileSettingsSource[" + file + "]";
    }

}
