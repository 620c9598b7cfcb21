package dev.notify.testkit.contract;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.Channel;
import dev.notify.CheckReport;
import dev.notify.PermanentDeliveryException;
import dev.notify.TransientDeliveryException;
import dev.notify.message.EmailMessage;
import dev.notify.spi.Delivery;
import dev.notify.spi.ProviderSettings;
import dev.notify.spi.EmailSender;
import dev.notify.spi.SenderContext;
import dev.notify.spi.SenderProvider;
import dev.notify.testkit.FakeEmailProvider;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The contract catches providers that break it: each case runs one check of {@link SenderContractTest} against
 * the fake provider with one defect added, and expects the check to fail.
 */
class SenderContractTestDetectsBrokenProvidersTest {

    @FunctionalInterface
    private interface Check {
        void run(SenderContractTest contract) throws Exception;
    }

    @Test
    void providerSwallowingTransientFailuresFailsTheContract() {
        UnaryOperator<EmailSender> swallowing = sender -> new Delegating(sender) {
            @Override
            public Delivery send(EmailMessage message) {
                try {
                    return super.send(message);
                } catch (TransientDeliveryException e) {
                    return Delivery.accepted("<made-up@example.com>", List.of());
                }
            }
        };

        assertBroken(swallowing, SenderContractTest::transientFailureThrowsTransientDeliveryExceptionAndDeliversNothing);
    }

    @Test
    void providerReportingTransientFailuresAsPermanentFailsTheContract() {
        UnaryOperator<EmailSender> misclassifying = sender -> new Delegating(sender) {
            @Override
            public Delivery send(EmailMessage message) {
                try {
                    return super.send(message);
                } catch (TransientDeliveryException e) {
                    throw new PermanentDeliveryException(e.getMessage());
                }
            }
        };

        assertBroken(misclassifying,
                SenderContractTest::transientFailureThrowsTransientDeliveryExceptionAndDeliversNothing);
    }

    @Test
    void providerSendingAfterCloseFailsTheContract() {
        UnaryOperator<EmailSender> ignoringClose = sender -> new Delegating(sender) {
            @Override
            public void close() {
            }
        };

        assertBroken(ignoringClose, SenderContractTest::closedSenderThrowsInsteadOfSending);
    }

    @Test
    void closedSenderThrowingAnotherExceptionThanSendRejectedFailsTheContract() {
        UnaryOperator<EmailSender> illegalState = sender -> new Delegating(sender) {
            private volatile boolean closed;

            @Override
            public Delivery send(EmailMessage message) {
                if (closed) {
                    throw new IllegalStateException("closed");
                }
                return super.send(message);
            }

            @Override
            public void close() {
                closed = true;
            }
        };

        assertBroken(illegalState, SenderContractTest::closedSenderThrowsInsteadOfSending);
    }

    @Test
    void providerFailingOnSecondCloseFailsTheContract() {
        UnaryOperator<EmailSender> closingOnce = sender -> new Delegating(sender) {
            private boolean closed;

            @Override
            public void close() {
                if (closed) {
                    throw new IllegalStateException("already closed");
                }
                closed = true;
                super.close();
            }
        };

        assertBroken(closingOnce, SenderContractTest::closeIsIdempotent);
    }

    @Test
    void providerReportingAnotherMessageIdFailsTheContract() {
        UnaryOperator<EmailSender> renaming = sender -> new Delegating(sender) {
            @Override
            public Delivery send(EmailMessage message) {
                Delivery d = super.send(message);
                return new Delivery("<other@example.com>", d.accepted(), d.rejected(), d.details());
            }
        };

        assertBroken(renaming, SenderContractTest::sendReturnsDeliveryWithTheMessageIdAndEveryRecipientAccepted);
    }

    @Test
    void providerThrowingFromCheckFailsTheContract() {
        UnaryOperator<EmailSender> throwingCheck = sender -> new Delegating(sender) {
            @Override
            public CheckReport check() {
                throw new IllegalStateException("cannot connect");
            }
        };

        assertBroken(throwingCheck, SenderContractTest::checkReturnsReportWithoutThrowingOrSending);
    }

    @Test
    void providerNotThreadsafeFailsTheContract() {
        UnaryOperator<EmailSender> singleConnection = sender -> new Delegating(sender) {
            private final AtomicInteger inFlight = new AtomicInteger();

            @Override
            public Delivery send(EmailMessage message) {
                try {
                    if (inFlight.incrementAndGet() > 1) {
                        throw new IllegalStateException("the connection is busy with another send");
                    }
                    return super.send(message);
                } finally {
                    inFlight.decrementAndGet();
                }
            }
        };
        FakeEmailProvider slow = FakeEmailProvider.builder().latency(Duration.ofMillis(20)).build();

        assertBroken(slow, singleConnection, SenderContractTest::concurrentSendsThroughOneSenderAllArrive);
    }

    @Test
    void intactFakePassesTheSameChecks() {
        Check[] checks = {
            SenderContractTest::transientFailureThrowsTransientDeliveryExceptionAndDeliversNothing,
            SenderContractTest::closedSenderThrowsInsteadOfSending,
            SenderContractTest::closeIsIdempotent,
            SenderContractTest::sendReturnsDeliveryWithTheMessageIdAndEveryRecipientAccepted,
            SenderContractTest::checkReturnsReportWithoutThrowingOrSending,
            SenderContractTest::concurrentSendsThroughOneSenderAllArrive,
        };
        for (Check check : checks) {
            assertThatCode(() -> run(UnaryOperator.identity(), check)).doesNotThrowAnyException();
        }
    }

    private static void assertBroken(UnaryOperator<EmailSender> defect, Check check) {
        assertBroken(new FakeEmailProvider(), defect, check);
    }

    private static void assertBroken(FakeEmailProvider fake, UnaryOperator<EmailSender> defect, Check check) {
        assertThatThrownBy(() -> run(fake, defect, check)).isInstanceOf(AssertionError.class);
    }

    private static void run(UnaryOperator<EmailSender> defect, Check check) throws Throwable {
        run(new FakeEmailProvider(), defect, check);
    }

    /** Runs one check as JUnit would: open, test, close; a failure while closing does not hide the test's. */
    private static void run(FakeEmailProvider fake, UnaryOperator<EmailSender> defect, Check check) throws Throwable {
        SenderProvider broken = new Broken(fake, defect);
        SenderContractTest contract = new Contract(new FakeEmailProviderContractTest.FakeHarness(fake, broken));
        contract.openHarness();
        try {
            check.run(contract);
        } catch (Throwable failure) {
            try {
                contract.closeHarness();
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
            throw failure;
        }
        contract.closeHarness();
    }

    private static final class Contract extends SenderContractTest {
        private final SenderHarness harness;

        Contract(SenderHarness harness) {
            this.harness = harness;
        }

        @Override
        protected SenderHarness createHarness() {
            return harness;
        }
    }

    private static final class Broken implements SenderProvider {
        private final FakeEmailProvider delegate;
        private final UnaryOperator<EmailSender> defect;

        Broken(FakeEmailProvider delegate, UnaryOperator<EmailSender> defect) {
            this.delegate = delegate;
            this.defect = defect;
        }

        @Override
        public String id() {
            return delegate.id();
        }

        @Override
        public Channel channel() {
            return delegate.channel();
        }

        @Override
        public ProviderSettings settings() {
            return delegate.settings();
        }

        @Override
        public EmailSender create(SenderContext context) {
            return defect.apply(delegate.create(context));
        }
    }

    private static class Delegating implements EmailSender {
        private final EmailSender delegate;

        Delegating(EmailSender delegate) {
            this.delegate = delegate;
        }

        @Override
        public Delivery send(EmailMessage message) {
            return delegate.send(message);
        }

        @Override
        public CheckReport check() {
            return delegate.check();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
