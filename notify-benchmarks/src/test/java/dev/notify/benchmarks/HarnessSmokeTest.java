package dev.notify.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.benchmarks.contenders.Contenders;
import dev.notify.benchmarks.harness.Contender;
import dev.notify.benchmarks.harness.CountMismatchException;
import dev.notify.benchmarks.harness.Measurement;
import dev.notify.benchmarks.harness.Mode;
import dev.notify.benchmarks.harness.RunResult;
import dev.notify.benchmarks.harness.SinkStats;
import dev.notify.benchmarks.harness.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The harness end to end at N = 20, with the sink in this JVM: counts are exact, and a lost message is caught. */
class HarnessSmokeTest {

    private static final int N = 20;

    @RegisterExtension
    static final SinkExtension SINK = new SinkExtension();

    @Test
    void notifySyncSendsExactlyNOverStartTlsWithAuthOnEveryConnection() throws Exception {
        assertExact("notify-sync", Mode.STARTTLS_AUTH, 2);
    }

    @Test
    void notifyAsyncSendsExactlyNOverPlainSmtp() throws Exception {
        assertExact("notify-async", Mode.PLAIN, 2);
    }

    @Test
    void reusedJakartaTransportSendsExactlyNOverStartTls() throws Exception {
        assertExact("jakarta-reused", Mode.STARTTLS_AUTH, 1);
    }

    @Test
    void rawPipelinedClientSendsExactlyNInOneRoundTripPerMessage() throws Exception {
        RunResult result = assertExact("raw-pipelined", Mode.PLAIN, 2);

        assertThat(result.commandsPerMessage()).isEqualTo(3.0);
    }

    @Test
    void springBatchesSendExactlyNWithOneConnectionPerBatch() throws Exception {
        RunResult result = assertExact("spring-batch", Mode.PLAIN, 1);

        assertThat(result.connections()).isEqualTo(1);
    }

    @Test
    void vertxMailSendsExactlyNOverStartTlsWithAuthOnEveryConnection() throws Exception {
        assertExact("vertx-mail", Mode.STARTTLS_AUTH, 2);
    }

    @Test
    void vertxMailSendsExactlyNWhenItsPoolConnectsForFourCallersAtOnce() throws Exception {
        RunResult result = assertExact("vertx-mail", Mode.PLAIN, 4);

        assertThat(result.connections()).isZero();
    }

    @Test
    void aClientThatSendsAMessageTwiceIsReportedAsAMismatch() throws Exception {
        Contender duplicating = new Contender() {
            @Override
            public String id() {
                return "duplicating";
            }

            @Override
            public Client open(Target target, int threads) throws Exception {
                Client real = Contenders.create("jakarta-reused").open(target, threads);
                return new Client() {
                    @Override
                    public void send(String run, int count) throws Exception {
                        real.send(run, count);
                        real.send(run, 1);
                    }

                    @Override
                    public void close() {
                        real.close();
                    }
                };
            }
        };
        Measurement measurement = new Measurement(SINK.info().control(), 1);
        Target target = new Target(SINK.info(), Mode.PLAIN, SINK.info().clientTls());

        assertThatThrownBy(() -> measurement.measure(duplicating, target, 1, N, 0))
                .isInstanceOf(CountMismatchException.class)
                .hasMessageContaining("sent " + N + " messages, the sink accepted " + (N + 1));
    }

    private static RunResult assertExact(String id, Mode mode, int threads) throws Exception {
        Measurement measurement = new Measurement(SINK.info().control(), 2);
        Target target = new Target(SINK.info(), mode, SINK.info().clientTls());
        SinkStats before = SINK.info().control().stats();

        RunResult result = measurement.measure(Contenders.create(id), target, threads, N, N / 2);

        SinkStats delta = SINK.info().control().stats().since(before);
        assertThat(delta.messages()).isEqualTo(N / 2 + 2 * N);
        assertThat(delta.withoutSequence()).isZero();
        assertThat(result.messages()).isEqualTo(N);
        assertThat(result.runs()).hasSize(2);
        assertThat(result.messagesPerSecond()).isPositive();
        if (mode.secure()) {
            assertThat(delta.tls()).isEqualTo(delta.connections()).isPositive();
            assertThat(delta.auths()).isEqualTo(delta.connections());
        }
        return result;
    }
}
