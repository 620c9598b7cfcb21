/**
 * The starter's implementation: reading {@code notify.} entries from the Spring environment, mapping environment
 * variable names to keys, and the startup failure report. It may change at any time; do not use it.
 */
package dev.notify.spring.boot.internal;
