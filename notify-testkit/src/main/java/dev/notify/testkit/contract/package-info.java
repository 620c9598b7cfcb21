/**
 * The contract every email provider should pass: extend {@link dev.notify.testkit.contract.SenderContractTest} and
 * supply a {@link dev.notify.testkit.contract.SenderHarness}. Needs JUnit Jupiter and AssertJ on the test class
 * path.
 */
package dev.notify.testkit.contract;
