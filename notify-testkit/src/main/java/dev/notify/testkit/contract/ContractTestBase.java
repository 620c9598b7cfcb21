package dev.notify.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.notify.Channel;
import dev.notify.CheckReport;
import dev.notify.DeliveryException;
import dev.notify.TransientDeliveryException;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.SettingKey;
import dev.notify.spi.Sender;
import dev.notify.spi.SenderContext;
import dev.notify.spi.SenderProvider;
import dev.notify.testkit.time.ManualScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the channels' contract tests share: a harness per test, the senders made in it closed afterwards, and the
 * checks that read the same for every channel.
 *
 * @param <H> the channel's harness
 * @param <S> the channel's sender
 */
abstract class ContractTestBase<H extends ContractHarness<?>, S extends Sender> {

    static final int CONCURRENT_THREADS = 4;
    static final int CONCURRENT_SENDS_PER_THREAD = 5;
    private static final Duration CONCURRENT_SEND_TIMEOUT = Duration.ofSeconds(30);

    private final Class<S> senderType;
    private final List<S> senders = new ArrayList<>();
    private H harness;

    ContractTestBase(Class<S> senderType) {
        this.senderType = senderType;
    }

    /** A new harness for one test: the provider, its settings and the receiving side. */
    protected abstract H createHarness() throws Exception;

    /** The harness of the running test. */
    protected H harness() {
        return harness;
    }

    @BeforeEach
    final void openHarness() throws Exception {
        harness = createHarness();
        assertThat(harness).as("createHarness()").isNotNull();
    }

    @AfterEach
    final void closeHarness() {
        RuntimeException failure = null;
        for (S sender : senders) {
            try {
                sender.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        senders.clear();
        if (harness != null) {
            harness.close();
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** A context for {@code settings} as a notifier gives one to a provider. */
    static SenderContext context(ResolvedSettings settings) {
        return new SenderContext(settings, Clock.systemUTC(), ManualScheduler.startingAt(Instant.now()));
    }

    /** {@code created} as this channel's sender, closed after the test. */
    final S track(Sender created) {
        assertThat(created).as("SenderProvider.create() of a " + senderType.getSimpleName())
                .isInstanceOf(senderType);
        S sender = senderType.cast(created);
        senders.add(sender);
        return sender;
    }

    final void assertProviderDescribesItself(Channel channel, ResolvedSettings settings,
            SettingKey<String> deliveryMethod) {
        SenderProvider provider = harness.provider();

        assertThat(provider.id()).as("id()").matches("[a-z][a-z0-9-]*");
        assertThat(provider.channel()).as("channel()").isEqualTo(channel);
        assertThat(provider.settings()).as("settings()").isNotNull();
        assertThat(provider.settings().keys()).as("settings().keys()").doesNotContainNull();
        assertThat(settings.get(deliveryMethod)).as("the harness's " + deliveryMethod.name())
                .isEqualTo(provider.id());
    }

    /**
     * Asserts that {@code send} throws {@code type}, transient exactly when {@code type} is, that nothing was
     * received, and that no secret shows in what was thrown.
     */
    final void assertSendFailsAndDeliversNothing(Class<? extends DeliveryException> type, ThrowingCallable send) {
        boolean transientFailure = TransientDeliveryException.class.isAssignableFrom(type);

        Throwable thrown = catchThrowable(send);

        assertThat(thrown).isInstanceOf(type);
        assertThat(((DeliveryException) thrown).isTransient()).isEqualTo(transientFailure);
        assertThat(harness.received())
                .as("received after a " + (transientFailure ? "transient" : "permanent") + " failure").isEmpty();
        assertNoSecretIn(describe(thrown));
    }

    static void assertClosingTwiceIsHarmless(Sender used, Sender unused) {
        assertThatCode(() -> {
            used.close();
            used.close();
            unused.close();
            unused.close();
        }).doesNotThrowAnyException();
    }

    final void assertCheckReportsWithoutSending(S sender) {
        CheckReport report;
        try {
            report = sender.check();
        } catch (RuntimeException e) {
            throw new AssertionError("check() must report failures in the report, but threw " + e, e);
        }

        assertThat(report).as("check()").isNotNull();
        assertThat(report.providerId()).isEqualTo(harness.provider().id());
        assertThat(report.ok()).as("check() with working settings: " + report).isTrue();
        assertThat(harness.received()).as("received after check()").isEmpty();
        assertNoSecretIn(report.toString());
    }

    /**
     * Runs {@link #CONCURRENT_THREADS} threads that each call {@code send} {@link #CONCURRENT_SENDS_PER_THREAD}
     * times, all starting together, and returns what the calls returned.
     */
    static List<String> sendConcurrently(ConcurrentSend send) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_THREADS);
        List<Future<List<String>>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < CONCURRENT_THREADS; t++) {
                int thread = t;
                Callable<List<String>> sends = () -> {
                    start.await();
                    List<String> sent = new ArrayList<>();
                    for (int i = 0; i < CONCURRENT_SENDS_PER_THREAD; i++) {
                        sent.add(send.send(thread + "-" + i));
                    }
                    return sent;
                };
                futures.add(pool.submit(sends));
            }
            start.countDown();
            List<String> sent = new ArrayList<>();
            for (Future<List<String>> future : futures) {
                try {
                    sent.addAll(future.get(CONCURRENT_SEND_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    throw new AssertionError("a send failed while others ran concurrently: " + e.getCause(),
                            e.getCause());
                } catch (TimeoutException e) {
                    throw new AssertionError("concurrent sends did not finish in " + CONCURRENT_SEND_TIMEOUT, e);
                }
            }
            return sent;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One send of {@link #sendConcurrently}: {@code suffix} is unique per call; returns what identifies the send. */
    @FunctionalInterface
    interface ConcurrentSend {
        String send(String suffix) throws Exception;
    }

    static String newMessageId() {
        return "<contract-" + UUID.randomUUID() + "@example.com>";
    }

    final void assertNoSecretIn(String text) {
        for (String secret : harness.secrets()) {
            assertThat(text).as("text callers see").doesNotContain(secret);
        }
    }

    static String describe(Throwable thrown) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            b.append(t).append('\n');
        }
        return b.toString();
    }
}
