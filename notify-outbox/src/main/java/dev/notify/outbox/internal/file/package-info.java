/**
 * The file journal: append-only segments of checksummed records, group commit, compaction. Not an API: it may
 * change at any time.
 */
package dev.notify.outbox.internal.file;
