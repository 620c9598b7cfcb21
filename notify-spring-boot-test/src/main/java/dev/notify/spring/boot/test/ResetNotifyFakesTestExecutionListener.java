package dev.notify.spring.boot.test;

import dev.notify.testkit.Fakes;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Resets the context's {@link Fakes} (behaviour and outbox) before each test method, since a cached Spring
 * context, and so its notifier, outlives a test. Registered in {@code META-INF/spring.factories}.
 */
public final class ResetNotifyFakesTestExecutionListener extends AbstractTestExecutionListener {

    /** After Spring's own listeners that prepare the test instance. */
    @Override
    public int getOrder() {
        return 10_000;
    }

    @Override
    public void beforeTestMethod(TestContext testContext) {
        if (testContext.hasApplicationContext()) {
            testContext.getApplicationContext().getBeanProvider(Fakes.class).ifAvailable(Fakes::reset);
        }
    }
}
