/**
 * Fakes for testing code that sends notifications with notify: the {@code fake} email and SMS providers, the
 * {@link dev.notify.testkit.Outbox} they record into, and {@link dev.notify.testkit.FakeBehaviour} to inject
 * latency and failures. Fluent assertions are in {@code dev.notify.testkit.assertions}; the contract test every
 * provider should pass is in {@code dev.notify.testkit.contract}.
 */
package dev.notify.testkit;
