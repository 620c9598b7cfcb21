package dev.notify.testkit.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The test kit's own SMTP server, which runs when a fixture has faults: the SMTP it speaks and each kind of fault,
 * seen from a hand-typed conversation or Jakarta Mail. How notify itself copes with each fault is tested in
 * notify-smtp.
 */
class SmtpFaultTest {

    private static final SmtpFault UNUSED = SmtpFault.rcpt("nobody@notify.example").reply(550, "5.1.1 unused");

    @Test
    void recipientLimitAnswers452ToTheRestOfEachTransactionAndAcceptsAgainInTheNext() throws IOException {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withFault(SmtpFault.recipientLimit(2)).start();
                SmtpDialogue client = SmtpDialogue.afterEhlo(smtp)) {
            List<String> first = client.mailTo("a@notify.example", "b@notify.example", "c@notify.example");
            String queued = client.content("Subject: one", "", "x");
            List<String> next = client.mailTo("c@notify.example");

            assertThat(first).containsExactly("250 2.1.5 Ok", "250 2.1.5 Ok", "452 4.5.3 Too many recipients");
            assertThat(queued).startsWith("250");
            assertThat(next).containsExactly("250 2.1.5 Ok");
            assertThat(smtp.awaitMessages(1, Duration.ofSeconds(5)).get(0).bcc()).extracting(Object::toString)
                    .containsExactly("a@notify.example", "b@notify.example");
        }
    }

    @Test
    void contentIsRecordedDotUnstuffedWithoutTheLineBreakBeforeTheFinalDot() throws IOException {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withFault(UNUSED).start();
                SmtpDialogue client = SmtpDialogue.afterEhlo(smtp)) {
            client.mailTo("zoe@notify.example");

            String queued = client.content("Subject: dots", "", "..leading dot", "...");

            assertThat(queued).isEqualTo("250 2.0.0 Ok: queued");
            assertThat(smtp.rawMessages()).containsExactly("Subject: dots\r\n\r\n.leading dot\r\n..");
        }
    }

    @Test
    void rsetEndsTheTransactionAndNoopChangesNothing() throws IOException {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withFault(UNUSED).start();
                SmtpDialogue client = SmtpDialogue.afterEhlo(smtp)) {
            client.mailTo("zoe@notify.example");

            String noop = client.send("NOOP");
            String rset = client.send("RSET");
            String dataAfterRset = client.send("DATA");
            String quit = client.send("QUIT");

            assertThat(noop).isEqualTo("250 2.0.0 Ok");
            assertThat(rset).isEqualTo("250 2.0.0 Ok");
            assertThat(dataAfterRset).startsWith("503");
            assertThat(quit).startsWith("221");
            assertThat(smtp.messages()).isEmpty();
        }
    }

    @Test
    void rcptFaultRepliesForTheChosenRecipientOnly() throws IOException {
        SmtpFault fault = SmtpFault.rcpt("Bob@Notify.example").reply(550, "5.1.1 no such user");
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withFault(fault).start();
                SmtpDialogue client = SmtpDialogue.afterEhlo(smtp)) {
            List<String> replies = client.mailTo("bob@notify.example", "zoe@notify.example");

            assertThat(replies).containsExactly("550 5.1.1 no such user", "250 2.1.5 Ok");
        }
    }

    @Test
    void multiLineFaultTextIsAMultiLineReply() throws IOException {
        SmtpFault fault = SmtpFault.mail().reply(451, "4.7.1 greylisted\n4.7.1 come back later");
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withFault(fault).start();
                SmtpDialogue client = SmtpDialogue.afterEhlo(smtp)) {

            String reply = client.send("MAIL FROM:<app@notify.example>");

            assertThat(reply).isEqualTo("451-4.7.1 greylisted\n451 4.7.1 come back later");
        }
    }

    @Test
    void faultLimitedByTimesAppliesToTheFirstMatchingCommandsOnly() throws IOException {
        SmtpFault fault = SmtpFault.mail().reply(451, "4.3.0 try again").times(2);
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withFault(fault).start();
                SmtpDialogue client = SmtpDialogue.afterEhlo(smtp)) {

            List<String> replies = List.of(client.send("MAIL FROM:<a@notify.example>"),
                    client.send("MAIL FROM:<a@notify.example>"), client.send("MAIL FROM:<a@notify.example>"));

            assertThat(replies).containsExactly("451 4.3.0 try again", "451 4.3.0 try again", "250 2.1.0 Ok");
        }
    }

    @Test
    void refusedGreetingIsFollowedBy503ToAllButQuit() throws IOException {
        SmtpFault fault = SmtpFault.greeting().reply(554, "5.3.2 not accepting mail");
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withFault(fault).start();
                SmtpDialogue client = new SmtpDialogue(smtp.host(), smtp.port())) {
            String greeting = client.reply();
            String ehlo = client.send("EHLO client.test");
            String quit = client.send("QUIT");

            assertThat(greeting).isEqualTo("554 5.3.2 not accepting mail");
            assertThat(ehlo).startsWith("503");
            assertThat(quit).startsWith("221");
        }
    }

    @Test
    void reply421ClosesTheConnection() throws IOException {
        SmtpFault fault = SmtpFault.mail().reply(421, "4.3.2 shutting down");
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withFault(fault).start();
                SmtpDialogue client = SmtpDialogue.afterEhlo(smtp)) {

            String mail = client.send("MAIL FROM:<app@notify.example>");

            assertThat(mail).isEqualTo("421 4.3.2 shutting down");
            assertThat(client.reply()).isNull();
        }
    }

    @Test
    void droppedConnectionClosesWithoutAReply() throws IOException {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withFault(SmtpFault.data().dropConnection())
                .start(); SmtpDialogue client = SmtpDialogue.afterEhlo(smtp)) {
            client.mailTo("zoe@notify.example");

            String data = client.send("DATA");

            assertThat(data).isNull();
            assertThat(smtp.messages()).isEmpty();
        }
    }

    @Test
    void endOfDataFaultRefusesTheMessageAndRecordsNothing() throws IOException {
        SmtpFault fault = SmtpFault.endOfData().reply(552, "5.3.4 message too big");
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withFault(fault).start();
                SmtpDialogue client = SmtpDialogue.afterEhlo(smtp)) {
            client.mailTo("zoe@notify.example");

            String end = client.content("Subject: big", "");

            assertThat(end).isEqualTo("552 5.3.4 message too big");
            assertThat(smtp.messages()).isEmpty();
        }
    }

    @Test
    void startTlsServerWithFaultsRequiresTlsAndAuthAndRecordsMailSentOverStartTls() throws Exception {
        try (SmtpServerExtension smtp = SmtpServerExtension.startTls().withUser("app", "pw").withFault(UNUSED).start()) {
            Properties props = new Properties();
            props.put("mail.smtp.starttls.required", "true");
            props.put("mail.smtp.auth", "true");
            props.put("mail.smtp.ssl.socketFactory", smtp.certificate().orElseThrow().clientSocketFactory());
            Session session = Session.getInstance(props);
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect(smtp.host(), smtp.port(), "app", "pw");
                transport.sendMessage(message(session), InternetAddress.parse("zoe@notify.example"));
            }

            assertThat(smtp.awaitMessages(1, Duration.ofSeconds(5)).get(0).subject()).isEqualTo("Hello");
            try (SmtpDialogue plain = new SmtpDialogue(smtp.host(), smtp.port())) {
                plain.reply();
                assertThat(plain.send("EHLO client.test")).contains("STARTTLS").doesNotContain("AUTH");
                assertThat(plain.send("MAIL FROM:<app@notify.example>")).startsWith("530");
            }
        }
    }

    @Test
    void implicitTlsServerWithFaultsSpeaksSmtpsAndChecksTheXoauth2Token() throws Exception {
        try (SmtpServerExtension smtp = SmtpServerExtension.implicitTls().withUser("app", "t0ken").withFault(UNUSED)
                .start()) {
            Properties props = new Properties();
            props.put("mail.smtp.ssl.enable", "true");
            props.put("mail.smtp.ssl.socketFactory", smtp.certificate().orElseThrow().clientSocketFactory());
            props.put("mail.smtp.auth", "true");
            props.put("mail.smtp.auth.mechanisms", "XOAUTH2");
            Session session = Session.getInstance(props);

            try (Transport transport = session.getTransport("smtp")) {
                transport.connect(smtp.host(), smtp.port(), "app", "t0ken");
                transport.sendMessage(message(session), InternetAddress.parse("zoe@notify.example"));
            }
            assertThatThrownBy(() -> {
                try (Transport transport = session.getTransport("smtp")) {
                    transport.connect(smtp.host(), smtp.port(), "app", "wr0ng");
                }
            }).isInstanceOf(MessagingException.class);

            assertThat(smtp.awaitMessages(1, Duration.ofSeconds(5))).hasSize(1);
        }
    }

    @Test
    void everyServerCountsTheConnectionsItAccepts() throws IOException {
        for (SmtpServerExtension server : List.of(SmtpServerExtension.plain(), SmtpServerExtension.startTls(),
                SmtpServerExtension.implicitTls(), SmtpServerExtension.plain().withFault(UNUSED))) {
            try (SmtpServerExtension smtp = server.start()) {
                for (int i = 0; i < 2; i++) {
                    try (SmtpDialogue client = new SmtpDialogue(smtp.certificate().isPresent()
                            && "implicit".equals(smtp.properties().get("email.smtp.tls"))
                            ? smtp.certificate().orElseThrow().clientSocketFactory().createSocket(smtp.host(), smtp.port())
                            : new Socket(smtp.host(), smtp.port()))) {
                        assertThat(client.reply()).startsWith("220");
                    }
                }

                assertThat(smtp.connections()).as(smtp.toString()).isEqualTo(2);
            }
        }
    }

    @Test
    void faultArgumentsAreCheckedAndNamed() {
        assertThatThrownBy(SmtpFault::rcpt).hasMessageContaining("recipients");
        assertThatThrownBy(() -> SmtpFault.rcpt("a@notify.example", " ")).hasMessageContaining("recipients");
        assertThatThrownBy(() -> SmtpFault.mail().reply(99, "x")).hasMessageContaining("code");
        assertThatThrownBy(() -> SmtpFault.mail().reply(550, "a\r\nb")).hasMessageContaining("text");
        assertThatThrownBy(() -> SmtpFault.mail().delay(Duration.ofMillis(-1))).hasMessageContaining("delay");
        assertThatThrownBy(() -> SmtpFault.mail().dropConnection().times(0)).hasMessageContaining("count");
        assertThatThrownBy(() -> SmtpFault.mail().dropConnection().withDelay(null)).hasMessageContaining("delay");
        assertThatThrownBy(() -> SmtpFault.recipientLimit(0)).hasMessageContaining("perTransaction");
        assertThatThrownBy(() -> SmtpServerExtension.plain().withFault(null)).hasMessageContaining("fault");
    }

    @Test
    void pipeliningFaultArgumentsAreCheckedAndNamed() {
        assertThatThrownBy(() -> SmtpFault.nthRcpt(0)).hasMessageContaining("number");
        assertThatThrownBy(() -> SmtpFault.slowReplies(null)).hasMessageContaining("delay");
        assertThatThrownBy(() -> SmtpFault.repliesInPieces(Duration.ofMillis(-1))).hasMessageContaining("delay");
        assertThatThrownBy(() -> SmtpFault.coalescedReplies(Duration.ZERO)).hasMessageContaining("window");
        assertThatThrownBy(() -> SmtpFault.coalescedReplies(Duration.ofSeconds(1)).withDelay(Duration.ZERO))
                .hasMessageContaining("window");
    }

    @Test
    void faultsDescribeThemselves() {
        assertThat(SmtpFault.rcpt("bob@notify.example").reply(550, "5.1.1 no such user").times(1))
                .hasToString("SmtpFault[rcpt [bob@notify.example], 550 5.1.1 no such user, 1 time]");
        assertThat(SmtpFault.recipientLimit(100))
                .hasToString("SmtpFault[rcpt after 100 recipients, 452 4.5.3 Too many recipients]");
        assertThat(SmtpFault.endOfData().dropConnection().withDelay(Duration.ofSeconds(2)))
                .hasToString("SmtpFault[end-of-data, after 2000 ms, drop connection]");
    }

    @Test
    void pipeliningFaultsDescribeThemselves() {
        assertThat(SmtpFault.nthRcpt(2).dropConnection()).hasToString("SmtpFault[rcpt #2, drop connection]");
        assertThat(SmtpFault.chunk().reply(452, "4.3.1 out of storage").times(1))
                .hasToString("SmtpFault[chunk, 452 4.3.1 out of storage, 1 time]");
        assertThat(SmtpFault.slowReplies(Duration.ofMillis(200)))
                .hasToString("SmtpFault[slow replies, 200 ms before each write]");
        assertThat(SmtpFault.repliesInPieces(Duration.ofMillis(5)).times(3))
                .hasToString("SmtpFault[replies in pieces, 5 ms before each piece, 3 times]");
        assertThat(SmtpFault.coalescedReplies(Duration.ofSeconds(1)).withDelay(Duration.ofSeconds(2)))
                .hasToString("SmtpFault[coalesced replies, held up to 2000 ms]");
        assertThat(SmtpFault.nthRcpt(3)).hasToString("SmtpFault.Trigger[rcpt #3]");
    }

    private static MimeMessage message(Session session) throws MessagingException {
        MimeMessage mime = new MimeMessage(session);
        mime.setFrom("app@notify.example");
        mime.setRecipients(Message.RecipientType.TO, "zoe@notify.example");
        mime.setSubject("Hello");
        mime.setText("hello");
        return mime;
    }
}
