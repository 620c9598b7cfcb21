package dev.notify.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Replies as servers write them: several per read, one split over many reads, multi-line, and broken ones. */
class ReplyReaderTest {

    @Test
    void repliesOfAGroupInOneReadAreReadOneByOneAndNothingIsLeft() throws IOException {
        ReplyReader reader = reader("250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n354 Go ahead\r\n");

        assertThat(reader.read()).isEqualTo(new SmtpReply(250, "250 2.1.0 Ok"));
        assertThat(reader.hasUnread()).isTrue();
        assertThat(reader.read()).isEqualTo(new SmtpReply(250, "250 2.1.5 Ok"));
        assertThat(reader.read()).isEqualTo(new SmtpReply(354, "354 Go ahead"));
        assertThat(reader.hasUnread()).isFalse();
    }

    @Test
    void aReplySplitAnywhereOverManyReadsIsWhole() throws IOException {
        String replies = "250-mx.example\r\n250-PIPELINING\r\n250 CHUNKING\r\n452 4.5.3 Too many recipients\r\n";
        ReplyReader reader = new ReplyReader(new OneByteAtATime(replies));

        assertThat(reader.read()).isEqualTo(new SmtpReply(250, "250-mx.example\n250-PIPELINING\n250 CHUNKING"));
        assertThat(reader.read()).isEqualTo(new SmtpReply(452, "452 4.5.3 Too many recipients"));
    }

    @Test
    void bareLineFeedsAndCodeOnlyLinesAreReplies() throws IOException {
        ReplyReader reader = reader("250\n221 Bye\n");

        assertThat(reader.read()).isEqualTo(new SmtpReply(250, "250"));
        assertThat(reader.read()).isEqualTo(new SmtpReply(221, "221 Bye"));
    }

    @Test
    void aLineThatIsNotAReplyIsAProtocolErrorThatShowsItPrintably() {
        assertThatThrownBy(() -> reader("HTTP/1.1 400 Bad Request\r\n").read())
                .isInstanceOf(ProtocolException.class)
                .hasMessage("the server's reply is not SMTP: 'HTTP/1.1 400 Bad Request'");
        assertThatThrownBy(() -> reader("25x\u0007 Ok\r\n").read()).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("'25x? Ok'");
        assertThatThrownBy(() -> reader("150 Ok\r\n").read()).isInstanceOf(ProtocolException.class);
    }

    @Test
    void anEndlessReplyStopsAtTheLimit() {
        String endless = "250-" + "x".repeat(ReplyReader.MAX_REPLY) + "\r\n250 Ok\r\n";

        assertThatThrownBy(() -> reader(endless).read()).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("longer than");
    }

    @Test
    void theServerClosingMidReplyIsAnEndOfStream() {
        assertThatThrownBy(() -> reader("250-first line\r\n250 sec").read()).isInstanceOf(EOFException.class);
    }

    private static ReplyReader reader(String replies) {
        return new ReplyReader(new ByteArrayInputStream(replies.getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** A stream that hands out one byte per read, as a slow server's replies arrive. */
    private static final class OneByteAtATime extends InputStream {
        private final byte[] bytes;
        private int at;

        OneByteAtATime(String s) {
            this.bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        }

        @Override
        public int read() {
            return at < bytes.length ? bytes[at++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (at >= bytes.length) {
                return -1;
            }
            b[off] = bytes[at++];
            return 1;
        }
    }
}
