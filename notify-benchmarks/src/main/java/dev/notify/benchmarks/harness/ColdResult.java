package dev.notify.benchmarks.harness;

/**
 * A contender's start-up cost and size.
 *
 * @param contender   the id
 * @param coldMillis  median time from launching its JVM to the sink accepting its first message
 * @param classpathMb its runtime jars, in MB (10^6 bytes), the harness not counted
 * @param jars        how many jars
 */
public record ColdResult(String contender, long coldMillis, double classpathMb, int jars) {
}
