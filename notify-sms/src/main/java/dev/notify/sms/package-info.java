/**
 * SMS through an email-to-SMS gateway: {@link dev.notify.sms.SmsGatewayProvider} turns each SMS into a
 * plain-text email to {@code <number>@<sms.destination-domain>} and sends it with the same server's email
 * provider (SMTP, Graph or any other); {@link dev.notify.sms.SmsPasscodes} sends one-time passcodes with it.
 */
package dev.notify.sms;
