package dev.notify.benchmarks;

import dev.notify.benchmarks.harness.SinkInfo;
import dev.notify.benchmarks.sink.SmtpSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Runs one {@link SmtpSink} (offering CHUNKING) for a test class, in this JVM, from a directory of its own. */
public final class SinkExtension implements BeforeAllCallback, AfterAllCallback {

    private Path dir;
    private SmtpSink sink;
    private SinkInfo info;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("notify-sink");
        sink = SmtpSink.start(dir);
        info = SinkInfo.read(dir.resolve("sink.properties"));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        sink.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** Where the running sink listens, as its {@code sink.properties} says. */
    public SinkInfo info() {
        return info;
    }
}
