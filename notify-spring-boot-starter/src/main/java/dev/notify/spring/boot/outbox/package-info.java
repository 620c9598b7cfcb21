/** Micrometer gauges of a durable outbox (notify-outbox), when the application has one. */
package dev.notify.spring.boot.outbox;
