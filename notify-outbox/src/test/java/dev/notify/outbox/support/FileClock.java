package dev.notify.outbox.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that several JVMs share through a file: the instant is 8 bytes (epoch milliseconds) mapped into each
 * process's memory, so a test moves the clock of every process it started with one {@link #advance}. Only the test
 * moves it. Threadsafe.
 */
public final class FileClock extends Clock {

    private final MappedByteBuffer millis;

    private FileClock(MappedByteBuffer millis) {
        this.millis = millis;
    }

    /** The clock in {@code file}, set to {@code start}. */
    public static FileClock create(Path file, Instant start) {
        FileClock clock = open(file);
        clock.set(start);
        return clock;
    }

    /** The clock another process created in {@code file}. */
    public static FileClock open(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            return new FileClock(channel.map(FileChannel.MapMode.READ_WRITE, 0, Long.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Instant instant() {
        synchronized (millis) {
            return Instant.ofEpochMilli(millis.getLong(0));
        }
    }

    public void advance(Duration by) {
        synchronized (millis) {
            set(instant().plus(by));
        }
    }

    private void set(Instant at) {
        synchronized (millis) {
            millis.putLong(0, at.toEpochMilli());
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
