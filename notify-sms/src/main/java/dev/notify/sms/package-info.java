/**
 * SMS through an email-to-SMS gateway: {@link dev.notify.sms.SmsGatewayProvider} turns each SMS into a
 * plain-text email to {@code <number>@<sms.email-gateway.destination-domain>} and sends it with the same server's email
 * provider (SMTP, Graph or any other). One-time passcodes, for any SMS provider, are in notify-sms-passcodes.
 */
package dev.notify.sms;
