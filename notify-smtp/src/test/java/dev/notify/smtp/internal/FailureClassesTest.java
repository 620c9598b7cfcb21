package dev.notify.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.PermanentDeliveryException;
import dev.notify.RejectedRecipient;
import dev.notify.TransientDeliveryException;
import dev.notify.settings.Layer;
import dev.notify.spi.Delivery;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Reply codes, silence and dropped connections from a scripted server, and how each failure is classed. */
class FailureClassesTest {

    private ScriptedSmtpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new ScriptedSmtpServer();
    }

    @AfterEach
    void stopServer() throws IOException {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {421, 451, 452})
    void fourHundredRepliesToMailFromAreTransient(int code) {
        server.mailReply(code + " 4.3.0 try again later");
        try (SmtpSender sender = TestSettings.sender(TestSettings.scripted(server.port()).build())) {
            assertThatThrownBy(() -> sender.send(TestSettings.message()))
                    .isInstanceOfSatisfying(TransientDeliveryException.class, e -> {
                        assertThat(e.replyCode()).hasValue(code);
                        assertThat(e.getMessage()).contains("127.0.0.1:" + server.port()).contains("try again later");
                    });
        }
        assertThat(server.messages()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {550, 552, 554})
    void fiveHundredRepliesToTheMessageArePermanent(int code) {
        server.dataReply(code + " 5.7.1 message refused");
        try (SmtpSender sender = TestSettings.sender(TestSettings.scripted(server.port()).build())) {
            assertThatThrownBy(() -> sender.send(TestSettings.message()))
                    .isInstanceOfSatisfying(PermanentDeliveryException.class, e -> {
                        assertThat(e.replyCode()).hasValue(code);
                        assertThat(e.getMessage()).contains("message refused");
                    });
        }
    }

    @Test
    void greeting421IsTransient() {
        server.greeting("421 4.3.2 service not available, closing channel");
        try (SmtpSender sender = TestSettings.sender(TestSettings.scripted(server.port()).build())) {
            assertThatThrownBy(() -> sender.send(TestSettings.message()))
                    .isInstanceOfSatisfying(TransientDeliveryException.class,
                            e -> assertThat(e.replyCode()).hasValue(421));
        }
    }

    @Test
    void oneOfThreeRecipientsRefusedIsPartialSuccess() {
        server.rcptReply("bob@notify.example", "550 5.1.1 <bob@notify.example>: mailbox unavailable");
        try (SmtpSender sender = TestSettings.sender(TestSettings.scripted(server.port()).build())) {
            Delivery delivery = sender.send(TestSettings.message("alice@notify.example", "bob@notify.example",
                    "carol@notify.example"));

            assertThat(delivery.accepted()).containsExactly("alice@notify.example", "carol@notify.example");
            assertThat(delivery.rejected()).singleElement().satisfies(r -> {
                assertThat(r.address()).isEqualTo("bob@notify.example");
                assertThat(r.replyCode()).isEqualTo(550);
                assertThat(r.reason()).contains("mailbox unavailable");
                assertThat(r.transientFailure()).isFalse();
            });
        }
        assertThat(server.messages()).isEqualTo(1);
    }

    @Test
    void everyRecipientRefusedThrowsWithEachReason() {
        server.rcptReply("alice@notify.example", "550 5.1.1 no such user")
                .rcptReply("bob@notify.example", "452 4.2.2 mailbox full");
        try (SmtpSender sender = TestSettings.sender(TestSettings.scripted(server.port()).build())) {
            assertThatThrownBy(() -> sender.send(TestSettings.message("alice@notify.example", "bob@notify.example")))
                    .isInstanceOfSatisfying(TransientDeliveryException.class, e -> assertThat(e.rejectedRecipients())
                            .extracting(RejectedRecipient::address, RejectedRecipient::replyCode,
                                    RejectedRecipient::transientFailure)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple("alice@notify.example", 550, false),
                                    org.assertj.core.groups.Tuple.tuple("bob@notify.example", 452, true)));
        }
        assertThat(server.messages()).isZero();
    }

    @Test
    void refusedRecipientsReasonIsTheReplyWithoutItsCodeSoTheCodeIsPrintedOnce() {
        server.rcptReply("bob@notify.example", "550 5.1.1 no such user");
        try (SmtpSender sender = TestSettings.sender(TestSettings.scripted(server.port()).build())) {
            Delivery delivery = sender.send(TestSettings.message("alice@notify.example", "bob@notify.example"));

            assertThat(delivery.rejected()).singleElement().satisfies(r -> {
                assertThat(r.replyCode()).isEqualTo(550);
                assertThat(r.reason()).isEqualTo("5.1.1 no such user");
                assertThat(r).hasToString("bob@notify.example (550 5.1.1 no such user)");
            });
        }
    }

    @Test
    void everyRecipientRefusedNamesEachReplyCodeOnce() {
        server.rcptReply("alice@notify.example", "452 4.2.2 mailbox full");
        try (SmtpSender sender = TestSettings.sender(TestSettings.scripted(server.port()).build())) {
            assertThatThrownBy(() -> sender.send(TestSettings.message("alice@notify.example")))
                    .isInstanceOf(TransientDeliveryException.class)
                    .hasMessageContaining("alice@notify.example (452 4.2.2 mailbox full)")
                    .hasMessageNotContaining("452 452");
        }
    }

    @Test
    void everyRecipientRefusedNamesTheFirstFewRefusalsAndCountsTheRest() {
        for (String r : new String[] {"a", "b", "c", "d", "e"}) {
            server.rcptReply(r + "@notify.example", "550 5.1.1 no such user");
        }
        try (SmtpSender sender = TestSettings.sender(TestSettings.scripted(server.port()).build())) {
            assertThatThrownBy(() -> sender.send(TestSettings.message("a@notify.example", "b@notify.example",
                    "c@notify.example", "d@notify.example", "e@notify.example")))
                    .isInstanceOfSatisfying(PermanentDeliveryException.class, e -> {
                        assertThat(e.getMessage()).endsWith("refused every recipient: "
                                + "a@notify.example (550 5.1.1 no such user), b@notify.example (550 5.1.1 no such user), "
                                + "c@notify.example (550 5.1.1 no such user) and 2 more");
                        assertThat(e.rejectedRecipients()).hasSize(5);
                    });
        }
    }

    @Test
    void multiLineRefusalOfARecipientLosesTheCodeOnEveryLine() {
        server.rcptReply("bob@notify.example", "550-5.1.1 no such user here\r\n550 5.1.1 see the directory");
        try (SmtpSender sender = TestSettings.sender(TestSettings.scripted(server.port()).build())) {
            Delivery delivery = sender.send(TestSettings.message("alice@notify.example", "bob@notify.example"));

            assertThat(delivery.rejected()).singleElement().extracting(RejectedRecipient::reason)
                    .isEqualTo("5.1.1 no such user here / 5.1.1 see the directory");
        }
    }

    @Test
    void serverThatNeverAnswersFailsWithinTheReadTimeout() {
        server.silent();
        Layer layer = TestSettings.scripted(server.port()).set("email.smtp.read-timeout", "1s").build();
        try (SmtpSender sender = TestSettings.sender(layer)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> sender.send(TestSettings.message()))
                    .isInstanceOf(TransientDeliveryException.class)
                    .hasMessageContaining("no reply within 1000 ms")
                    .hasMessageContaining("email.smtp.read-timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900),
                    Duration.ofMillis(2500));
        }
    }

    @Test
    void connectionDroppedMidDataIsTransientAndTheNextSendRecovers() {
        server.dropDuringData(1);
        try (SmtpSender sender = TestSettings.sender(TestSettings.scripted(server.port()).build())) {
            assertThatThrownBy(() -> sender.send(TestSettings.message()))
                    .isInstanceOfSatisfying(TransientDeliveryException.class,
                            e -> assertThat(e.getMessage()).contains("may or may not have been delivered"));

            Delivery next = sender.send(TestSettings.message());

            assertThat(next.accepted()).containsExactly("alice@notify.example");
        }
        assertThat(server.messages()).isEqualTo(1);
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void connectionRefusedIsTransientAndNamesHostAndPort() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (SmtpSender sender = TestSettings.sender(TestSettings.scripted(closedPort).build())) {
            assertThatThrownBy(() -> sender.send(TestSettings.message()))
                    .isInstanceOf(TransientDeliveryException.class)
                    .hasMessageContaining("cannot connect to 127.0.0.1:" + closedPort);
        }
    }

    @Test
    void unknownHostIsTransientAndNamesTheHost() {
        Layer layer = TestSettings.scripted(25).set("email.smtp.host", "no-such-host.invalid").build();
        try (SmtpSender sender = TestSettings.sender(layer)) {
            assertThatThrownBy(() -> sender.send(TestSettings.message()))
                    .isInstanceOf(TransientDeliveryException.class)
                    .hasMessageContaining("no-such-host.invalid:25")
                    .hasMessageContaining("unknown host");
        }
    }

    @Test
    void aPooledConnectionDroppedWhileIdleIsReplacedWithoutFailingTheSend() {
        try (SmtpSender sender = TestSettings.sender(TestSettings.scripted(server.port()).build())) {
            sender.send(TestSettings.message());
            server.dropAllConnections();

            Delivery delivery = sender.send(TestSettings.message());

            assertThat(delivery.accepted()).containsExactly("alice@notify.example");
        }
        assertThat(server.messages()).isEqualTo(2);
        assertThat(server.connections()).isEqualTo(2);
    }
}
