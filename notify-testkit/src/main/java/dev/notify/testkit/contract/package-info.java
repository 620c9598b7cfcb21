/**
 * The contracts every provider should pass: extend {@link dev.notify.testkit.contract.SenderContractTest} with a
 * {@link dev.notify.testkit.contract.SenderHarness} for an email provider, or
 * {@link dev.notify.testkit.contract.SmsSenderContractTest} with an
 * {@link dev.notify.testkit.contract.SmsSenderHarness} for an SMS provider. Needs JUnit Jupiter and AssertJ on the
 * test class path.
 */
package dev.notify.testkit.contract;
