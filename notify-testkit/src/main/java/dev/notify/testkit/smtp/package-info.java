/**
 * A JUnit 5 extension that runs an embedded SMTP server (plain, STARTTLS or SMTPS) on loopback and gives the
 * settings that point notify at it and the mail it received, with {@link dev.notify.testkit.smtp.SmtpFault}s to
 * make it refuse, stall or hang up, and PIPELINING and CHUNKING on request, with faults for pipelining clients
 * (slow replies, replies in pieces or coalesced, a hang-up in the middle of a group). See
 * {@link dev.notify.testkit.smtp.SmtpServerExtension}.
 */
package dev.notify.testkit.smtp;
