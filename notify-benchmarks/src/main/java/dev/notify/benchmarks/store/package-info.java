/** The settings store's benchmark: send rate with settings from a store against fixed settings, and the cost of {@code current()}. */
package dev.notify.benchmarks.store;
