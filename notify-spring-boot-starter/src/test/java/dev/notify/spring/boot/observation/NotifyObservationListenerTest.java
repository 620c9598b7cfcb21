package dev.notify.spring.boot.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.Notifier;
import dev.notify.PermanentDeliveryException;
import dev.notify.Scheduler;
import dev.notify.SendResult;
import dev.notify.message.EmailMessage;
import dev.notify.settings.PropertiesFormat;
import dev.notify.testkit.FakeEmailProvider;
import dev.notify.testkit.Fakes;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NotifyObservationListenerTest {

    private static final EmailMessage WELCOME = EmailMessage.builder().to("alice@example.com")
            .cc("bob@example.com").subject("Your secret report").text("Hello").build();

    private final TestObservationRegistry registry = TestObservationRegistry.create();
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final List<Notifier> notifiers = new ArrayList<>();

    private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

    NotifyObservationListenerTest() {
        registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public void onStop(Observation.Context context) {
                stopped.add(context);
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        });
    }

    @AfterEach
    void close() {
        notifiers.forEach(Notifier::close);
    }

    @Test
    void deliveredSendIsObservedWithChannelProviderServerAndOutcome() {
        Notifier notifier = notifier(false);

        notifier.server("eu-1").sendEmail(WELCOME);

        TestObservationRegistryAssert.assertThat(registry).hasNumberOfObservationsWithNameEqualTo("notify.send", 1)
                .hasObservationWithNameEqualTo("notify.send").that().hasBeenStarted().hasBeenStopped()
                .hasLowCardinalityKeyValue("channel", "email").hasLowCardinalityKeyValue("provider", "fake")
                .hasLowCardinalityKeyValue("server", "eu-1").hasLowCardinalityKeyValue("outcome", "delivered")
                .hasLowCardinalityKeyValue("error.type", "none")
                .hasHighCardinalityKeyValueWithKey("message.id");
        Timer sends = meters.get("notify.send").tags("channel", "email", "provider", "fake", "server", "eu-1",
                "outcome", "delivered", "error.type", "none").timer();
        assertThat(sends.count()).isEqualTo(1);
    }

    @Test
    void retriedSendHasOneAttemptObservationPerTryAndCountsTheRetry() {
        Notifier notifier = notifier(false);
        Fakes.of(notifier).email().failNextTransiently(1);

        SendResult result = notifier.global().sendEmail(WELCOME);

        assertThat(result.attempts()).isEqualTo(2);
        assertThat(meters.get("notify.send.attempt").tags("outcome", "retried", "error.type",
                "TransientDeliveryException").timer().count()).isEqualTo(1);
        assertThat(meters.get("notify.send.attempt").tags("outcome", "success").timer().count()).isEqualTo(1);
        assertThat(meters.get("notify.send.retries").tags("channel", "email", "server", "global").counter().count())
                .isEqualTo(1);
        assertThat(meters.get("notify.send").tags("outcome", "delivered").timer().count()).isEqualTo(1);
        TestObservationRegistryAssert.assertThat(registry).hasObservationWithNameEqualTo("notify.send.attempt").that()
                .hasParentObservationContextMatching(parent -> parent.getName().equals("notify.send"));
    }

    @Test
    void sendThatGaveUpCarriesItsErrorType() {
        Notifier notifier = notifier(false);
        Fakes.of(notifier).email().failNextPermanently(1);

        assertThatThrownBy(() -> notifier.server("eu-1").sendEmail(WELCOME))
                .isInstanceOf(PermanentDeliveryException.class);

        assertThat(meters.get("notify.send").tags("outcome", "gave-up", "error.type", "PermanentDeliveryException")
                .timer().count()).isEqualTo(1);
        assertThat(meters.get("notify.send.attempt").tags("outcome", "failed").timer().count()).isEqualTo(1);
    }

    @Test
    void sendOnADisabledChannelIsObservedAsDisabled() {
        Notifier notifier = notifier(false);

        notifier.server("quiet").sendEmail(WELCOME);

        assertThat(meters.get("notify.send").tags("outcome", "disabled", "provider", "none", "server", "quiet")
                .timer().count()).isEqualTo(1);
        assertThat(meters.find("notify.send.attempt").timer()).isNull();
    }

    @Test
    void addressesAreObservedOnlyWhenIncludedAndTheSubjectNever() {
        notifier(false).global().sendEmail(WELCOME);
        notifier(true).global().sendEmail(WELCOME);

        List<KeyValue> keyValues = new ArrayList<>();
        stopped.forEach(c -> c.getAllKeyValues().forEach(keyValues::add));
        assertThat(keyValues).filteredOn(kv -> kv.getKey().equals("recipients.accepted")).singleElement()
                .extracting(KeyValue::getValue).isEqualTo("alice@example.com,bob@example.com");
        assertThat(keyValues).extracting(KeyValue::getValue).noneMatch(v -> v.contains("secret report"));
        assertThat(meters.getMeters()).allSatisfy(m -> assertThat(m.getId().getTags())
                .noneMatch(t -> t.getValue().contains("@")));
    }

    @Test
    void asynchronousSendWithARetryIsOneObservation() {
        Notifier notifier = notifier(false);
        Fakes.of(notifier).email().failNextTransiently(1);

        CompletableFuture<SendResult> result = notifier.server("eu-1").sendEmailAsync(WELCOME);

        assertThat(result.join().attempts()).isEqualTo(2);
        TestObservationRegistryAssert.assertThat(registry).hasNumberOfObservationsWithNameEqualTo("notify.send", 1)
                .hasNumberOfObservationsWithNameEqualTo("notify.send.attempt", 2)
                .hasObservationWithNameEqualTo("notify.send").that().hasBeenStopped()
                .hasLowCardinalityKeyValue("outcome", "delivered");
    }

    @Test
    void concurrentSendsAreObservedApart() throws Exception {
        Notifier notifier = notifier(false);
        Fakes.of(notifier).email().failNextTransiently(5); // fewer than max-attempts: no send gives up
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<SendResult>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String server = "s" + (i % 4);
                results.add(threads.submit(() -> notifier.server(server).sendEmail(WELCOME)));
            }
            for (Future<SendResult> result : results) {
                result.get();
            }
        } finally {
            threads.shutdown();
        }

        assertThat(meters.get("notify.send").tags("outcome", "delivered").timers().stream().mapToLong(Timer::count)
                .sum()).isEqualTo(40);
        assertThat(meters.get("notify.send.retries").counters().stream().mapToDouble(c -> c.count()).sum())
                .isEqualTo(5.0);
        assertThat(meters.get("notify.send.attempt").timers().stream().mapToLong(Timer::count).sum()).isEqualTo(45);
        assertThat(stopped).filteredOn(c -> c.getName().equals("notify.send")).hasSize(40);
        assertThat(stopped).filteredOn(c -> c.getName().equals("notify.send.attempt")).hasSize(45).allSatisfy(attempt -> {
            Observation.ContextView send = attempt.getParentObservation().getContextView();
            assertThat(attempt.getLowCardinalityKeyValue("server")).isEqualTo(send.getLowCardinalityKeyValue("server"));
            assertThat(attempt.getHighCardinalityKeyValue("message.id"))
                    .isEqualTo(send.getHighCardinalityKeyValue("message.id"));
        });
    }

    private Notifier notifier(boolean includeAddresses) {
        Notifier notifier = Notifier.builder()
                .settings(PropertiesFormat.standard().parse(Map.of(
                        "email.enabled", "true",
                        "email.delivery-method", "fake",
                        "email.sender", "noreply@example.com",
                        "email.retry.max-attempts", "6",
                        "servers.quiet.email.enabled", "false")))
                .provider(new FakeEmailProvider())
                .discoverProviders(false)
                .listener(new NotifyObservationListener(registry, null, includeAddresses))
                .scheduler(new NoWaiting())
                .build();
        notifiers.add(notifier);
        return notifier;
    }

    /** Retries without waiting; a scheduled attempt runs at once on a thread of its own. */
    private static final class NoWaiting implements Scheduler {
        @Override
        public Cancellable schedule(Runnable task, Duration delay) {
            Thread thread = new Thread(task, "retry");
            thread.start();
            return () -> { };
        }

        @Override
        public void sleep(Duration delay) {
        }
    }
}
