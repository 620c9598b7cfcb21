package dev.notify.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notifier;
import dev.notify.SendResult;
import dev.notify.message.Attachment;
import dev.notify.message.EmailMessage;
import dev.notify.settings.Layer;
import dev.notify.settings.Settings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The heap a 150 MB upload costs the sender, with the Graph stub in a JVM of its own ({@link GraphStubProcess}) so that
 * the stub's request buffers are not counted.
 */
class GraphLargeUploadHeapTest {

    private static final long MB = 1024 * 1024;
    private static final long CHUNK = 3840 * 1024;

    @Test
    void hundredFiftyMegabyteUploadGrowsTheSendersLiveHeapByLessThan32Megabytes() throws Exception {
        long size = 150 * MB;
        SendResult result;
        HeapSampler heap;
        long allocated;
        try (GraphStubProcess stub = GraphStubProcess.start()) {
            Layer.Builder layer = Layer.builder();
            stub.properties().forEach(layer::set);
            layer.set("email.graph.max-message-mb", "150");
            try (Notifier notifier = Notifier.builder().settings(Settings.builder().global(layer.build()).build())
                    .provider(new GraphSenderProvider()).discoverProviders(false).build()) {
                notifier.global().sendEmail(mail(GeneratedContent.attachment("warm-up.bin", 4 * MB, 1)));
                heap = HeapSampler.start();
                ThreadAllocations allocations = ThreadAllocations.start();
                try {
                    result = notifier.global().sendEmail(mail(GeneratedContent.attachment("archive.bin", size, 150)));
                } finally {
                    allocated = allocations.bytes();
                    heap.stop();
                }
            }
            assertThat(stub.uploads()).hasSize(2).last().satisfies(upload -> {
                assertThat(upload.complete()).isTrue();
                assertThat(upload.contentRanges()).containsExactlyElementsOf(ranges(size));
                assertThat(upload.putsWithBearerToken()).isZero();
                assertThat(upload.sha256()).isEqualTo(GeneratedContent.sha256(size, 150));
            });
        }

        System.out.printf("150 MB upload, stub in its own JVM: the sender's live heap grew by at most %.1f MB over %d "
                + "samples (baseline %.1f MB); the sending thread allocated %.1f MB, garbage included%n",
                heap.growthBytes() / (double) MB, heap.samples(), heap.baselineBytes() / (double) MB,
                allocated / (double) MB);
        assertThat(result.isAccepted()).isTrue();
        assertThat(heap.growthBytes()).as("the sender's live heap growth during a 150 MB upload")
                .isLessThan(32 * MB);
    }

    private static EmailMessage mail(Attachment attachment) {
        return EmailMessage.builder().to("alice@example.com").subject("archive").text("attached").attach(attachment)
                .build();
    }

    private static List<String> ranges(long size) {
        List<String> ranges = new ArrayList<>();
        for (long start = 0; start < size; start += CHUNK) {
            ranges.add("bytes " + start + "-" + (Math.min(start + CHUNK, size) - 1) + "/" + size);
        }
        return ranges;
    }
}
