/**
 * The email-to-SMS gateway's implementation: phone number parsing, length measurement and the sender. Not
 * public API: it may change at any time, in any release; use {@link dev.notify.sms.SmsGatewayProvider} and
 * {@link dev.notify.sms.SmsPasscodes}.
 */
package dev.notify.sms.internal;
