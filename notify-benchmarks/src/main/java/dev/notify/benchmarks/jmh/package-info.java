/** JMH micro-benchmarks of notify's send path. Not published; may change at any time. */
package dev.notify.benchmarks.jmh;
