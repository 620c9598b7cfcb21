/** The durable outbox's benchmark: enqueue throughput with fsync, and the delivery rate from a journal. */
package dev.notify.benchmarks.outbox;
