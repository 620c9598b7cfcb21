package dev.notify.reliability.smtp;

import static dev.notify.reliability.support.FaultSettings.CONNECT_TIMEOUT_MS;
import static dev.notify.reliability.support.FaultSettings.MAX_ATTEMPTS;
import static dev.notify.reliability.support.FaultSettings.READ_TIMEOUT_MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.notify.DeliveryException;
import dev.notify.Notifier;
import dev.notify.PermanentDeliveryException;
import dev.notify.RejectedRecipient;
import dev.notify.SendResult;
import dev.notify.SendStatus;
import dev.notify.TransientDeliveryException;
import dev.notify.message.EmailMessage;
import dev.notify.reliability.support.FaultSettings;
import dev.notify.reliability.support.FaultySmtpServer;
import dev.notify.reliability.support.Outcome;
import dev.notify.reliability.support.Script;
import dev.notify.reliability.support.SecretScan;
import dev.notify.reliability.support.Step;
import dev.notify.reliability.support.Transaction;
import dev.notify.settings.Layer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each fault of issue 8's list, injected by a scripted server and sent through a real {@link Notifier} with the
 * smtp provider: the classified outcome, the attempts, the time taken and what the server received. Every
 * scenario authenticates with the known password, and the {@link SecretScan} checks logs, results and
 * exceptions for it.
 */
class SmtpFaultScenariosTest {

    @RegisterExtension
    final SecretScan scan = new SecretScan();

    private FaultySmtpServer server;
    private Notifier notifier;

    @BeforeEach
    void startServer() throws IOException {
        server = offering(FaultySmtpServer.plain().account(dev.notify.reliability.support.KnownSecrets.USER,
                dev.notify.reliability.support.KnownSecrets.PASSWORD));
    }

    /** The server's extensions beyond plain ESMTP: none here, so the client sends one command at a time. */
    FaultySmtpServer offering(FaultySmtpServer plain) {
        return plain;
    }

    @AfterEach
    void stop() throws IOException {
        if (notifier != null) {
            notifier.close();
        }
        server.close();
    }

    private Outcome send(Layer layer, EmailMessage message) {
        notifier = FaultSettings.notifier(layer);
        return Outcome.send(notifier.global(), message, scan);
    }

    private Outcome send(EmailMessage message) {
        return send(FaultSettings.smtp(server.port()).build(), message);
    }

    @Test
    void serverThatNeverGreetsFailsTransientlyAfterEachAttemptTimesOut() {
        server.script(new Script() {
            @Override
            public Step greeting(int connection) {
                return Step.silence();
            }
        });

        Outcome outcome = send(FaultSettings.smtp(server.port()).set("email.retry.max-attempts", "2").build(),
                FaultSettings.message());

        assertThat(outcome.deliveryFailure()).isInstanceOf(TransientDeliveryException.class)
                .hasMessageContaining("no reply within " + READ_TIMEOUT_MS + " ms");
        assertThat(outcome.attempts()).isEqualTo(2);
        assertThat(outcome.elapsed()).isBetween(Duration.ofMillis(2 * READ_TIMEOUT_MS),
                Duration.ofMillis(2 * READ_TIMEOUT_MS + 2000));
        assertThat(server.connections()).isEqualTo(2);
        assertThat(server.commands()).isEmpty();
    }

    @Test
    void greeting421OnEveryConnectionIsRetriedUpToMaxAttemptsThenTransient() {
        server.script(new Script() {
            @Override
            public Step greeting(int connection) {
                return Step.replyAndClose("421 4.3.2 Service not available, closing channel");
            }
        });

        Outcome outcome = send(FaultSettings.message());

        assertThat(outcome.deliveryFailure()).isInstanceOf(TransientDeliveryException.class);
        assertThat(outcome.deliveryFailure().replyCode()).hasValue(421);
        assertThat(outcome.attempts()).isEqualTo(MAX_ATTEMPTS);
        assertThat(outcome.elapsed()).isLessThan(Duration.ofSeconds(3));
        assertThat(server.connections()).isEqualTo(MAX_ATTEMPTS);
        assertThat(server.transactions()).isEmpty();
    }

    @Test
    void greeting421OnceIsRetriedOnANewConnectionAndDeliveredOnce() {
        server.script(new Script() {
            @Override
            public Step greeting(int connection) {
                return connection == 1 ? Step.replyAndClose("421 4.3.2 Try again later") : Script.super.greeting(connection);
            }
        });

        Outcome outcome = send(FaultSettings.message());

        assertThat(outcome.accepted().status()).isEqualTo(SendStatus.ACCEPTED);
        assertThat(outcome.attempts()).isEqualTo(2);
        assertThat(outcome.elapsed()).isLessThan(Duration.ofSeconds(3));
        assertThat(server.connections()).isEqualTo(2);
        assertThat(server.completeTransactions()).singleElement()
                .satisfies(t -> assertThat(t.messageId()).isEqualTo(outcome.accepted().messageId().orElseThrow()));
        assertThat(server.authentications()).isEqualTo(1);
    }

    @Test
    void reply421AtMailFromIsRetriedWithTheSameMessageId() {
        server.script(new Script() {
            @Override
            public Step mail(int transaction, String from) {
                return transaction == 1 ? Step.replyAndClose("421 4.7.0 Too many connections, closing")
                        : Script.super.mail(transaction, from);
            }
        });

        Outcome outcome = send(FaultSettings.message());

        SendResult result = outcome.accepted();
        assertThat(result.status()).isEqualTo(SendStatus.ACCEPTED);
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(outcome.elapsed()).isLessThan(Duration.ofSeconds(3));
        List<Transaction> transactions = server.transactions();
        assertThat(transactions).hasSize(2);
        assertThat(transactions.get(0).complete()).isFalse();
        assertThat(transactions.get(0).rcptCommands()).isEmpty();
        assertThat(transactions.get(1).messageId()).isEqualTo(result.messageId().orElseThrow());
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void permanent550AtMailFromIsNotRetried() {
        server.script(new Script() {
            @Override
            public Step mail(int transaction, String from) {
                return Step.reply("550 5.7.1 Sender rejected");
            }
        });

        Outcome outcome = send(FaultSettings.message());

        assertThat(outcome.deliveryFailure()).isInstanceOf(PermanentDeliveryException.class)
                .hasMessageContaining("Sender rejected");
        assertThat(outcome.deliveryFailure().replyCode()).hasValue(550);
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(server.transactions()).singleElement().satisfies(t -> assertThat(t.complete()).isFalse());
    }

    @Test
    void recipientDeferredOnceIsRetriedAloneAndTheResultListsEachGroup() {
        server.script(new Script() {
            @Override
            public Step rcpt(int transaction, String address, int timesSeen) {
                if (address.equals("bob@notify.example") && timesSeen == 1) {
                    return Step.reply("451 4.2.0 <bob@notify.example>: greylisted, try again");
                }
                if (address.equals("carol@notify.example")) {
                    return Step.reply("550 5.1.1 <carol@notify.example>: no such user");
                }
                return Script.super.rcpt(transaction, address, timesSeen);
            }
        });

        Outcome outcome = send(FaultSettings.message("alice@notify.example", "bob@notify.example",
                "carol@notify.example"));

        SendResult result = outcome.accepted();
        assertThat(result.status()).isEqualTo(SendStatus.PARTIALLY_ACCEPTED);
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(result.accepted()).containsExactly("alice@notify.example", "bob@notify.example");
        assertThat(result.rejected()).extracting(RejectedRecipient::address, RejectedRecipient::replyCode,
                RejectedRecipient::transientFailure).containsExactly(tuple("carol@notify.example", 550, false));
        List<Transaction> transactions = server.completeTransactions();
        assertThat(transactions).hasSize(2);
        assertThat(transactions.get(0).rcptCommands())
                .containsExactly("alice@notify.example", "bob@notify.example", "carol@notify.example");
        assertThat(transactions.get(0).recipients()).containsExactly("alice@notify.example");
        assertThat(transactions.get(1).rcptCommands()).containsExactly("bob@notify.example");
        assertThat(transactions.get(1).recipients()).containsExactly("bob@notify.example");
        assertThat(transactions).extracting(Transaction::messageId)
                .containsOnly(result.messageId().orElseThrow());
        assertThat(outcome.elapsed()).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void recipientDeferredOnEveryAttemptIsReportedAsTransientlyRejected() {
        server.script(new Script() {
            @Override
            public Step rcpt(int transaction, String address, int timesSeen) {
                return address.equals("bob@notify.example") ? Step.reply("452 4.2.2 <bob@notify.example>: mailbox full")
                        : Script.super.rcpt(transaction, address, timesSeen);
            }
        });

        Outcome outcome = send(FaultSettings.message("alice@notify.example", "bob@notify.example"));

        SendResult result = outcome.accepted();
        assertThat(result.status()).isEqualTo(SendStatus.PARTIALLY_ACCEPTED);
        assertThat(result.attempts()).isEqualTo(MAX_ATTEMPTS);
        assertThat(result.accepted()).containsExactly("alice@notify.example");
        assertThat(result.rejected()).extracting(RejectedRecipient::address, RejectedRecipient::replyCode,
                RejectedRecipient::transientFailure).containsExactly(tuple("bob@notify.example", 452, true));
        assertThat(server.completeTransactions()).hasSize(1);
        assertThat(server.transactions()).extracting(Transaction::rcptCommands).containsExactly(
                List.of("alice@notify.example", "bob@notify.example"), List.of("bob@notify.example"),
                List.of("bob@notify.example"), List.of("bob@notify.example"));
    }

    @Test
    void everyRecipientRefusedPermanentlyIsNotRetriedAndNothingIsSent() {
        server.script(new Script() {
            @Override
            public Step rcpt(int transaction, String address, int timesSeen) {
                return Step.reply("550 5.1.1 no such user");
            }
        });

        Outcome outcome = send(FaultSettings.message("alice@notify.example", "bob@notify.example"));

        DeliveryException failure = outcome.deliveryFailure();
        assertThat(failure).isInstanceOf(PermanentDeliveryException.class);
        assertThat(failure.attempts()).isEqualTo(1);
        assertThat(failure.rejectedRecipients()).extracting(RejectedRecipient::address)
                .containsExactly("alice@notify.example", "bob@notify.example");
        assertThat(server.completeTransactions()).isEmpty();
    }

    @Test
    void reply552AfterTheContentIsPermanentAndNotRetried() {
        server.script(new Script() {
            @Override
            public Step endOfData(int transaction) {
                return Step.reply("552 5.3.4 Message size exceeds fixed limit");
            }
        });

        Outcome outcome = send(FaultSettings.message());

        assertThat(outcome.deliveryFailure()).isInstanceOf(PermanentDeliveryException.class)
                .hasMessageContaining("Message size exceeds fixed limit");
        assertThat(outcome.deliveryFailure().replyCode()).hasValue(552);
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(server.completeTransactions()).singleElement()
                .satisfies(t -> assertThat(t.acknowledged()).isFalse());
    }

    @Test
    void reply451AfterTheContentIsRetriedAndAcknowledgedExactlyOnce() {
        server.script(new Script() {
            @Override
            public Step endOfData(int transaction) {
                return transaction == 1 ? Step.reply("451 4.3.0 Temporary queue failure")
                        : Script.super.endOfData(transaction);
            }
        });

        Outcome outcome = send(FaultSettings.message());

        SendResult result = outcome.accepted();
        assertThat(result.attempts()).isEqualTo(2);
        List<Transaction> received = server.completeTransactions();
        assertThat(received).hasSize(2);
        assertThat(received).extracting(Transaction::messageId).containsOnly(result.messageId().orElseThrow());
        assertThat(received).filteredOn(Transaction::acknowledged).hasSize(1);
    }

    @Test
    void connectionResetAfter354IsTransientAndTheRetryDeliversOnce() {
        server.script(new Script() {
            @Override
            public Step data(int transaction) {
                return transaction == 1 ? Step.replyAndReset("354 Go ahead") : Script.super.data(transaction);
            }
        });

        Outcome outcome = send(FaultSettings.message());

        SendResult result = outcome.accepted();
        assertThat(result.status()).isEqualTo(SendStatus.ACCEPTED);
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(outcome.elapsed()).isLessThan(Duration.ofSeconds(3));
        assertThat(server.transactions()).hasSize(2);
        assertThat(server.completeTransactions()).singleElement()
                .satisfies(t -> assertThat(t.messageId()).isEqualTo(result.messageId().orElseThrow()));
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void serverStallingAfterTheFinalDotIsRetriedAtLeastOnceWithTheSameMessageId() {
        server.script(new Script() {
            @Override
            public Step endOfData(int transaction) {
                return transaction == 1 ? Step.silence() : Script.super.endOfData(transaction);
            }
        });

        Outcome outcome = send(FaultSettings.message());

        SendResult result = outcome.accepted();
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(outcome.elapsed()).isBetween(Duration.ofMillis(READ_TIMEOUT_MS),
                Duration.ofMillis(READ_TIMEOUT_MS + 2000));
        List<Transaction> received = server.completeTransactions();
        assertThat(received).hasSize(2);
        assertThat(received).extracting(Transaction::messageId).containsOnly(result.messageId().orElseThrow());
        assertThat(received).extracting(Transaction::acknowledged).containsExactly(false, true);
    }

    @Test
    void connectionLostAfterTheFinalDotIsRetriedAtLeastOnceWithTheSameMessageId() {
        server.script(new Script() {
            @Override
            public Step endOfData(int transaction) {
                return transaction == 1 ? Step.close() : Script.super.endOfData(transaction);
            }
        });

        Outcome outcome = send(FaultSettings.message());

        SendResult result = outcome.accepted();
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(outcome.elapsed()).isLessThan(Duration.ofSeconds(3));
        List<Transaction> received = server.completeTransactions();
        assertThat(received).hasSize(2);
        assertThat(received).extracting(Transaction::messageId).containsOnly(result.messageId().orElseThrow());
    }

    @Test
    void lostConnectionAfterTheFinalDotOnEveryAttemptSaysTheOutcomeIsUnknown() {
        server.script(new Script() {
            @Override
            public Step endOfData(int transaction) {
                return Step.close();
            }
        });

        Outcome outcome = send(FaultSettings.message());

        assertThat(outcome.deliveryFailure()).isInstanceOf(TransientDeliveryException.class)
                .hasMessageContaining("may or may not have been delivered");
        assertThat(outcome.attempts()).isEqualTo(MAX_ATTEMPTS);
        assertThat(server.completeTransactions()).hasSize(MAX_ATTEMPTS);
    }

    @Test
    void connectionRefusedFailsTransientlyWithinTheConnectTimeoutPerAttempt() throws IOException {
        int port = server.port();
        server.close();

        Outcome outcome = send(FaultSettings.smtp(port).build(), FaultSettings.message());

        assertThat(outcome.deliveryFailure()).isInstanceOf(TransientDeliveryException.class)
                .hasMessageContaining("cannot connect to 127.0.0.1:" + port);
        assertThat(outcome.attempts()).isEqualTo(MAX_ATTEMPTS);
        assertThat(outcome.elapsed()).isLessThan(Duration.ofMillis(MAX_ATTEMPTS * CONNECT_TIMEOUT_MS + 2000));
    }
}
