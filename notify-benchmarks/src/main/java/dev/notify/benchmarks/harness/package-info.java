/**
 * The benchmark harness: targets, runs, the child-JVM runner and the results table. Not published; may change at
 * any time.
 */
package dev.notify.benchmarks.harness;
