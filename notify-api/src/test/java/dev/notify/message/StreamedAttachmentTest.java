package dev.notify.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.InvalidMessageException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamedAttachmentTest {

    @Test
    void fileAttachmentReadsTheFileEachTimeItIsOpened(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("report.csv"), "a,b\n1,2\n");
        Attachment attachment = Attachment.of("report.csv", "text/csv", file);

        assertThat(attachment.isStreamed()).isTrue();
        assertThat(attachment.length()).isEqualTo(8);
        try (InputStream in = attachment.openStream()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a,b\n1,2\n");
        }
        assertThat(attachment.content()).isEqualTo("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        assertThat(attachment).hasToString("Attachment[report.csv, text/csv, 8 bytes, streamed]");
    }

    @Test
    void aMissingFileIsRefusedWhenTheAttachmentIsBuilt(@TempDir Path dir) {
        assertThatThrownBy(() -> Attachment.of("gone.pdf", "application/pdf", dir.resolve("gone.pdf")))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("attachment.file");
    }

    @Test
    void streamedSourceIsOpenedOnlyWhenRead() throws IOException {
        AtomicInteger opened = new AtomicInteger();
        Attachment attachment = Attachment.streamed("data.bin", "application/octet-stream", 3, () -> {
            opened.incrementAndGet();
            return new ByteArrayInputStream(new byte[] {1, 2, 3});
        });
        assertThat(opened).hasValue(0);

        try (InputStream in = attachment.openStream()) {
            assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
        }
        assertThat(opened).hasValue(1);
    }

    @Test
    void sourceGivingAnotherSizeThanDeclaredIsReported() {
        Attachment attachment = Attachment.streamed("data.bin", "application/octet-stream", 5,
                () -> new ByteArrayInputStream(new byte[] {1, 2, 3}));

        assertThatThrownBy(attachment::content).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("5 bytes");
    }

    @Test
    void streamedAttachmentValidatesNameTypeAndSize() {
        assertThatThrownBy(() -> Attachment.streamed("a/b.bin", "application/octet-stream", 1,
                () -> InputStream.nullInputStream())).hasMessageContaining("attachment.name");
        assertThatThrownBy(() -> Attachment.streamed("b.bin", "nonsense", 1, () -> InputStream.nullInputStream()))
                .hasMessageContaining("attachment.content-type");
        assertThatThrownBy(() -> Attachment.streamed("b.bin", "application/octet-stream", -1,
                () -> InputStream.nullInputStream())).hasMessageContaining("attachment.size");
    }

    @Test
    void bytesAttachmentsKeepTheirValueSemantics() {
        Attachment a = Attachment.of("x.txt", "text/plain", new byte[] {1});
        assertThat(a).isEqualTo(Attachment.of("x.txt", "text/plain", new byte[] {1}));
        assertThat(a.isStreamed()).isFalse();
        assertThat(a.length()).isEqualTo(1);
    }
}
