/**
 * The email-to-SMS gateway's implementation: its settings, the sender and the carriers' gateway closures. Not
 * public API: it may change at any time, in any release; use {@link dev.notify.sms.SmsGatewayProvider}. Phone numbers and text lengths are notify-api's
 * {@link dev.notify.message.PhoneNumber} and {@link dev.notify.message.SmsLength}.
 */
package dev.notify.sms.internal;
