/**
 * Fluent, AssertJ-style assertions about what the fake providers sent; start with
 * {@link dev.notify.testkit.assertions.NotifyAssertions#assertThat(dev.notify.testkit.Outbox)}. Needs AssertJ on
 * the test class path.
 */
package dev.notify.testkit.assertions;
