/**
 * A counting SMTP sink for the benchmarks, run in its own JVM. Not published; may change at any time.
 */
package dev.notify.benchmarks.sink;
