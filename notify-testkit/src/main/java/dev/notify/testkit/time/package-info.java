/**
 * Time a test controls: {@link dev.notify.testkit.time.ManualScheduler} makes a notifier's waits between
 * attempts instant and observable, so backoff is asserted on the durations asked for, never on a wall clock.
 */
package dev.notify.testkit.time;
