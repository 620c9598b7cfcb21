package dev.notify.reliability.smtp;

import static dev.notify.reliability.support.FaultSettings.CONNECT_TIMEOUT_MS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notifier;
import dev.notify.SendResult;
import dev.notify.SendStatus;
import dev.notify.TransientDeliveryException;
import dev.notify.reliability.support.FaultSettings;
import dev.notify.reliability.support.FaultySmtpServer;
import dev.notify.reliability.support.KnownSecrets;
import dev.notify.reliability.support.Outcome;
import dev.notify.reliability.support.Script;
import dev.notify.reliability.support.SecretScan;
import dev.notify.reliability.support.Step;
import dev.notify.settings.Layer;
import dev.notify.testkit.tls.TestCertificate;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pooled connections the server dropped or abandoned, a pool with every connection busy, and faults over
 * implicit TLS: no send waits longer than its timeouts, and each message is delivered once.
 */
class PoolAndTlsFaultsTest {

    @RegisterExtension
    final SecretScan scan = new SecretScan();

    @TempDir
    Path dir;

    private FaultySmtpServer server;
    private Notifier notifier;

    @AfterEach
    void stop() throws IOException {
        if (notifier != null) {
            notifier.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private FaultySmtpServer plainServer() throws IOException {
        server = offering(FaultySmtpServer.plain().account(KnownSecrets.USER, KnownSecrets.PASSWORD));
        return server;
    }

    /** The server's extensions beyond plain ESMTP: none here, so the client sends one command at a time. */
    FaultySmtpServer offering(FaultySmtpServer plain) {
        return plain;
    }

    @Test
    void pooledConnectionClosedByTheServerIsReplacedWithinTheConnectTimeout() throws Exception {
        plainServer();
        notifier = FaultSettings.notifier(FaultSettings.smtp(server.port()).build());
        assertThat(Outcome.send(notifier.global(), FaultSettings.message(), scan).accepted().isAccepted()).isTrue();
        assertThat(server.dropIdleConnectionsOnceIdle(Duration.ofSeconds(5))).isEqualTo(1);

        Outcome second = Outcome.send(notifier.global(), FaultSettings.message(), scan);

        assertThat(second.accepted().status()).isEqualTo(SendStatus.ACCEPTED);
        assertThat(second.attempts()).isEqualTo(1);
        assertThat(second.elapsed()).isLessThan(Duration.ofMillis(CONNECT_TIMEOUT_MS));
        assertThat(server.connections()).isEqualTo(2);
        assertThat(server.completeTransactions()).hasSize(2);
    }

    @Test
    void halfOpenPooledConnectionIsReplacedWithinTheReadTimeoutAndTheMessageSentOnce() throws Exception {
        plainServer();
        Layer layer = FaultSettings.smtp(server.port()).set("email.smtp.read-timeout", "600ms").build();
        notifier = FaultSettings.notifier(layer);
        assertThat(Outcome.send(notifier.global(), FaultSettings.message(), scan).accepted().isAccepted()).isTrue();
        assertThat(server.blackHoleIdleConnectionsOnceIdle(Duration.ofSeconds(5))).isEqualTo(1);

        Outcome second = Outcome.send(notifier.global(), FaultSettings.message(), scan);

        assertThat(second.accepted().status()).isEqualTo(SendStatus.ACCEPTED);
        assertThat(second.attempts()).isEqualTo(1);
        assertThat(second.elapsed()).isBetween(Duration.ofMillis(600), Duration.ofMillis(600 + 1500));
        assertThat(server.connections()).isEqualTo(2);
        assertThat(server.completeTransactions()).extracting(t -> t.messageId())
                .containsExactly(firstMessageId(), second.accepted().messageId().orElseThrow());
    }

    private String firstMessageId() {
        return server.completeTransactions().get(0).messageId();
    }

    @Test
    void sendWaitsForABusyPoolNoLongerThanTheConnectTimeout() throws Exception {
        plainServer();
        CountDownLatch stalled = new CountDownLatch(1);
        server.script(new Script() {
            @Override
            public Step endOfData(int transaction) {
                stalled.countDown();
                return Step.silence();
            }
        });
        Layer layer = FaultSettings.smtp(server.port())
                .set("email.smtp.pool.max-connections", "1")
                .set("email.smtp.read-timeout", "2s")
                .set("email.retry.max-attempts", "1")
                .build();
        notifier = FaultSettings.notifier(layer);
        CompletableFuture<Outcome> first = CompletableFuture.supplyAsync(
                () -> Outcome.send(notifier.global(), FaultSettings.message(), scan));
        assertThat(stalled.await(5, TimeUnit.SECONDS)).isTrue();

        Outcome second = Outcome.send(notifier.global(), FaultSettings.message(), scan);

        assertThat(second.deliveryFailure()).isInstanceOf(TransientDeliveryException.class)
                .hasMessageContaining("stayed busy for " + CONNECT_TIMEOUT_MS + " ms");
        assertThat(second.elapsed()).isBetween(Duration.ofMillis(CONNECT_TIMEOUT_MS),
                Duration.ofMillis(CONNECT_TIMEOUT_MS + 1000));
        assertThat(first.get(10, TimeUnit.SECONDS).deliveryFailure()).isInstanceOf(TransientDeliveryException.class)
                .hasMessageContaining("may or may not have been delivered");
        assertThat(server.connections()).isEqualTo(1);
        assertThat(server.maxOpenAtOnce()).isEqualTo(1);
    }

    /**
     * Angus runs the TLS handshake of SMTPS with the read timeout as the socket timeout (it sets it before
     * connecting and never changes it for the handshake), so a handshake that never completes is bounded by
     * email.smtp.read-timeout, not by email.smtp.connect-timeout as that key's description says.
     */
    @Test
    void tlsHandshakeThatNeverCompletesFailsWithinTheReadTimeout() throws IOException {
        plainServer().script(new Script() {
            @Override
            public Step greeting(int connection) {
                return Step.silence();
            }
        });
        TestCertificate certificate = TestCertificate.forLocalhost();
        Path trust = certificate.writeTrustStore(dir.resolve("trust.p12"), "changeit");
        Layer layer = FaultSettings.smtps(server.port(), trust)
                .set("email.smtp.read-timeout", "1500ms")
                .set("email.retry.max-attempts", "1")
                .build();
        notifier = FaultSettings.notifier(layer);

        Outcome outcome = Outcome.send(notifier.global(), FaultSettings.message(), scan);

        assertThat(outcome.deliveryFailure()).isInstanceOf(TransientDeliveryException.class)
                .hasMessageContaining("127.0.0.1:" + server.port());
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(outcome.elapsed()).isBetween(Duration.ofMillis(1500), Duration.ofMillis(1500 + 1500));
        assertThat(server.connections()).isEqualTo(1);
        assertThat(server.commands()).isEmpty();
    }

    @Test
    void overImplicitTlsA421AtMailFromIsRetriedOnANewVerifiedConnection() throws IOException {
        TestCertificate certificate = TestCertificate.forLocalhost();
        Path trust = certificate.writeTrustStore(dir.resolve("trust.p12"), "changeit");
        server = FaultySmtpServer.implicitTls(certificate.serverContext())
                .account(KnownSecrets.USER, KnownSecrets.PASSWORD)
                .script(new Script() {
                    @Override
                    public Step mail(int transaction, String from) {
                        return transaction == 1 ? Step.replyAndClose("421 4.3.2 Shutting down")
                                : Script.super.mail(transaction, from);
                    }
                });
        notifier = FaultSettings.notifier(FaultSettings.smtps(server.port(), trust).build());

        Outcome outcome = Outcome.send(notifier.global(), FaultSettings.message(), scan);

        SendResult result = outcome.accepted();
        assertThat(result.status()).isEqualTo(SendStatus.ACCEPTED);
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(outcome.elapsed()).isLessThan(Duration.ofSeconds(3));
        assertThat(server.connections()).isEqualTo(2);
        assertThat(server.authentications()).isEqualTo(2);
        assertThat(server.completeTransactions()).singleElement()
                .satisfies(t -> assertThat(t.messageId()).isEqualTo(result.messageId().orElseThrow()));
    }

    @Test
    void overImplicitTlsAServerThatNeverGreetsFailsWithinTheReadTimeout() throws IOException {
        TestCertificate certificate = TestCertificate.forLocalhost();
        Path trust = certificate.writeTrustStore(dir.resolve("trust.p12"), "changeit");
        server = FaultySmtpServer.implicitTls(certificate.serverContext()).script(new Script() {
            @Override
            public Step greeting(int connection) {
                return Step.silence();
            }
        });
        Layer layer = FaultSettings.smtps(server.port(), trust).set("email.retry.max-attempts", "1").build();
        notifier = FaultSettings.notifier(layer);

        Outcome outcome = Outcome.send(notifier.global(), FaultSettings.message(), scan);

        assertThat(outcome.deliveryFailure()).isInstanceOf(TransientDeliveryException.class)
                .hasMessageContaining("no reply within " + FaultSettings.READ_TIMEOUT_MS + " ms");
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(outcome.elapsed()).isBetween(Duration.ofMillis(FaultSettings.READ_TIMEOUT_MS),
                Duration.ofMillis(FaultSettings.READ_TIMEOUT_MS + 1500));
        assertThat(server.commands()).isEmpty();
    }
}
