/**
 * The libraries compared, each sending the same messages through its usual API. Not published; may change at any
 * time.
 */
package dev.notify.benchmarks.contenders;
