/** The JDBC journal's SQL. Not an API: it may change at any time. */
package dev.notify.outbox.internal.jdbc;
