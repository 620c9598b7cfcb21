/**
 * The admin page's render time for a fleet: {@link dev.notify.benchmarks.admin.AdminPageBenchmark} under JMH, run
 * and reported by {@link dev.notify.benchmarks.admin.AdminBenchmark}.
 */
package dev.notify.benchmarks.admin;
