/**
 * The contract between the outbox and where it keeps its messages: {@link dev.notify.outbox.spi.Journal}. notify
 * ships two, {@link dev.notify.outbox.FileJournal} and {@link dev.notify.outbox.JdbcJournal}.
 */
package dev.notify.outbox.spi;
