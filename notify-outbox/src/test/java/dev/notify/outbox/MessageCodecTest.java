package dev.notify.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.message.Attachment;
import dev.notify.message.EmailMessage;
import dev.notify.message.SmsMessage;
import dev.notify.outbox.internal.CorruptRecordException;
import dev.notify.outbox.internal.MessageCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    @Test
    void emailWithEveryPartRoundTrips() {
        byte[] pdf = new byte[70_000];
        Arrays.fill(pdf, (byte) 0xC3);
        EmailMessage email = EmailMessage.builder()
                .from("Støre Kundeservice <service@bücher.example>")
                .to("alice@example.com", "\"Bob, Jr.\" <bob@example.com>")
                .cc("carol@example.com").bcc("audit@example.com").replyTo("help@example.com")
                .subject("Rapport \u2014 ready \uD83D\uDCC8").text("Line 1\r\nLine 2\n.\n").html("<p>Hi <img src=\"cid:logo\"></p>")
                .attach(Attachment.of("rapport.pdf", "application/pdf", pdf))
                .attach(Attachment.inline("logo", "logo.png", "image/png", new byte[] {1, 2, 3}))
                .header("X-Ticket", "T-42").header("X-Empty", "")
                .messageId("<abc123@example.com>")
                .build();

        EmailMessage back = (EmailMessage) MessageCodec.decode(MessageCodec.encode(email));

        assertThat(back.from()).isEqualTo(email.from());
        assertThat(back.from().orElseThrow().displayName()).contains("Støre Kundeservice");
        assertThat(back.to()).isEqualTo(email.to());
        assertThat(back.to().get(1).displayName()).contains("Bob, Jr.");
        assertThat(back.cc()).isEqualTo(email.cc());
        assertThat(back.bcc()).isEqualTo(email.bcc());
        assertThat(back.replyTo()).isEqualTo(email.replyTo());
        assertThat(back.subject()).isEqualTo(email.subject());
        assertThat(back.text()).isEqualTo(email.text());
        assertThat(back.html()).isEqualTo(email.html());
        assertThat(back.attachments()).isEqualTo(email.attachments());
        assertThat(back.headers()).containsExactlyEntriesOf(email.headers());
        assertThat(back.messageId()).contains("<abc123@example.com>");
    }

    @Test
    void minimalEmailKeepsItsAbsentPartsAbsent() {
        EmailMessage email = EmailMessage.builder().bcc("x@example.com").subject("").html("<b>only html</b>").build();

        EmailMessage back = (EmailMessage) MessageCodec.decode(MessageCodec.encode(email));

        assertThat(back.from()).isEmpty();
        assertThat(back.to()).isEmpty();
        assertThat(back.text()).isEmpty();
        assertThat(back.html()).contains("<b>only html</b>");
        assertThat(back.messageId()).isEmpty();
    }

    @Test
    void smsRoundTrips() {
        SmsMessage sms = SmsMessage.of("+1 (555) 010-1234", "Code 123456\nvalid 10 min").withMessageId("<s1@example.com>");

        assertThat(MessageCodec.decode(MessageCodec.encode(sms))).isEqualTo(sms);
    }

    @Test
    void versionOneBytesWrittenByThisReleaseStayReadable() {
        byte[] v1 = {1, 2, 0, 0, 0, 12, '+', '1', '5', '5', '5', '0', '1', '0', '1', '2', '3', '4', 0, 0, 0, 2, 'h',
            'i', 0};

        assertThat(MessageCodec.decode(v1)).isEqualTo(SmsMessage.of("+15550101234", "hi"));
    }

    @Test
    void newerFormatIsRefusedSayingSo() {
        byte[] bytes = MessageCodec.encode(SmsMessage.of("+15550101234", "hi"));
        bytes[0] = 9;

        assertThatThrownBy(() -> MessageCodec.decode(bytes)).isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("version 9").hasMessageContaining("newer notify");
    }

    @Test
    void truncatedBytesAreCorruptNotAnotherMessage() {
        byte[] bytes = MessageCodec.encode(SmsMessage.of("+15550101234", "hello"));

        assertThatThrownBy(() -> MessageCodec.decode(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(CorruptRecordException.class);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("hello");
    }
}
