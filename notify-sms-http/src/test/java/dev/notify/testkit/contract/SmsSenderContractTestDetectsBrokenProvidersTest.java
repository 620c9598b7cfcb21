package dev.notify.testkit.contract;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.Channel;
import dev.notify.CheckReport;
import dev.notify.TransientDeliveryException;
import dev.notify.message.SmsMessage;
import dev.notify.sms.http.TwilioSmsProvider;
import dev.notify.spi.Delivery;
import dev.notify.spi.ProviderSettings;
import dev.notify.spi.SmsSender;
import dev.notify.spi.SenderContext;
import dev.notify.spi.SenderProvider;
import dev.notify.testkit.sms.TwilioServerExtension;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SMS contract catches providers that break it: each case runs one check of {@link SmsSenderContractTest}
 * against the Twilio provider with one defect added, and expects the check to fail. It lives here, in the test
 * kit's package, because the test kit has no SMS provider of its own that talks to a service.
 */
class SmsSenderContractTestDetectsBrokenProvidersTest {

    @RegisterExtension
    static final TwilioServerExtension twilio = TwilioServerExtension.create();

    @FunctionalInterface
    private interface Check {
        void run(SmsSenderContractTest contract) throws Exception;
    }

    @Test
    void providerSayingThePhoneGotTheTextFailsTheContract() {
        UnaryOperator<SmsSender> boasting = sender -> new Delegating(sender) {
            @Override
            public Delivery send(SmsMessage message) {
                Delivery d = super.send(message);
                Map<String, String> details = new LinkedHashMap<>(d.details());
                details.put("sms.outcome", "delivered to the phone");
                return new Delivery(d.messageId(), d.accepted(), d.rejected(), details);
            }
        };

        assertBroken(boasting,
                SmsSenderContractTest::sendThroughNotifierIsAcceptedAndSaysWhatTheServiceDidNotThatThePhoneGotIt);
    }

    @Test
    void providerDroppingRetryAfterFailsTheContract() {
        UnaryOperator<SmsSender> forgetful = sender -> new Delegating(sender) {
            @Override
            public Delivery send(SmsMessage message) {
                try {
                    return super.send(message);
                } catch (TransientDeliveryException e) {
                    throw new TransientDeliveryException(e.getMessage());
                }
            }
        };

        assertBroken(forgetful, SmsSenderContractTest::throttledSendIsTransientAndCarriesRetryAfter);
    }

    @Test
    void providerSwallowingTransientFailuresFailsTheContract() {
        UnaryOperator<SmsSender> swallowing = sender -> new Delegating(sender) {
            @Override
            public Delivery send(SmsMessage message) {
                try {
                    return super.send(message);
                } catch (TransientDeliveryException e) {
                    return Delivery.accepted("made-up", List.of(SmsSenderContractTest.E164));
                }
            }
        };

        assertBroken(swallowing, SmsSenderContractTest::transientFailureThrowsTransientDeliveryExceptionAndDeliversNothing);
    }

    @Test
    void providerSendingAfterCloseFailsTheContract() {
        UnaryOperator<SmsSender> ignoringClose = sender -> new Delegating(sender) {
            @Override
            public void close() {
            }
        };

        assertBroken(ignoringClose, SmsSenderContractTest::closedSenderThrowsInsteadOfSending);
    }

    @Test
    void intactProviderPassesTheSameChecks() {
        Check[] checks = {
            SmsSenderContractTest::sendReturnsDeliveryWithTheNumberInE164Accepted,
            SmsSenderContractTest::textLongerThanMaxSegmentsIsRefusedBeforeAnythingIsSent,
            SmsSenderContractTest::sendThroughNotifierIsAcceptedAndSaysWhatTheServiceDidNotThatThePhoneGotIt,
            SmsSenderContractTest::throttledSendIsTransientAndCarriesRetryAfter,
            SmsSenderContractTest::transientFailureThrowsTransientDeliveryExceptionAndDeliversNothing,
            SmsSenderContractTest::closedSenderThrowsInsteadOfSending,
        };
        for (Check check : checks) {
            assertThatCode(() -> run(UnaryOperator.identity(), check)).doesNotThrowAnyException();
        }
    }

    private static void assertBroken(UnaryOperator<SmsSender> defect, Check check) {
        assertThatThrownBy(() -> run(defect, check)).isInstanceOf(AssertionError.class);
    }

    /** Runs one check as JUnit would: a fresh stub state, open, test, close. */
    private static void run(UnaryOperator<SmsSender> defect, Check check) throws Throwable {
        twilio.beforeEach(null);
        SmsSenderHarness harness = twilio.harness(new Broken(new TwilioSmsProvider(), defect));
        SmsSenderContractTest contract = new Contract(harness);
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

    private static final class Contract extends SmsSenderContractTest {
        private final SmsSenderHarness harness;

        Contract(SmsSenderHarness harness) {
            this.harness = harness;
        }

        @Override
        protected SmsSenderHarness createHarness() {
            return harness;
        }
    }

    private static final class Broken implements SenderProvider {
        private final TwilioSmsProvider delegate;
        private final UnaryOperator<SmsSender> defect;

        Broken(TwilioSmsProvider delegate, UnaryOperator<SmsSender> defect) {
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
        public SmsSender create(SenderContext context) {
            return defect.apply(delegate.create(context));
        }
    }

    private static class Delegating implements SmsSender {
        private final SmsSender delegate;

        Delegating(SmsSender delegate) {
            this.delegate = delegate;
        }

        @Override
        public Delivery send(SmsMessage message) {
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
