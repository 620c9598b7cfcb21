/** The SMS delivery receipts benchmark: verified status callbacks per second through the endpoint. */
package dev.notify.benchmarks.receipts;
