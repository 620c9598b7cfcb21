package dev.notify.benchmarks.harness;

/**
 * One JMH benchmark's score.
 *
 * @param benchmark the method, without the package
 * @param score     average time
 * @param error     the 99.9 % confidence half-width
 * @param unit      JMH's unit, e.g. ns/op
 */
public record JmhResult(String benchmark, double score, double error, String unit) {
}
