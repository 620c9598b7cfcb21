package dev.notify.testkit.assertions;

import dev.notify.testkit.Outbox;

/**
 * Entry point of the fluent assertions for what a notifier sent through the fake providers. Import it statically
 * beside AssertJ's {@code Assertions.assertThat}:
 *
 * <pre>{@code
 * assertThat(Outbox.of(notifier))
 *         .hasSentEmailTo("alice@example.com")
 *         .withSubjectContaining("Welcome")
 *         .withAttachmentNamed("guide.pdf");
 * assertThat(outbox).hasSentSmsTo("+1 555 010 1234").withTextMatching("\\d{6}");
 * }</pre>
 *
 * <p>Needs AssertJ on the test class path. This class is threadsafe.
 */
public final class NotifyAssertions {

    private NotifyAssertions() {
    }

    /** Assertions about everything an outbox holds. */
    public static OutboxAssert assertThat(Outbox outbox) {
        return new OutboxAssert(outbox);
    }
}
