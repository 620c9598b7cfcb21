/**
 * Templates on the send path: renders per second of an invitation (subject, text and HTML, 10 variables) with
 * notify's engine and with mustache.java under JMH, and the cost of rendering in a send to the SMTP sink.
 */
package dev.notify.benchmarks.templates;
