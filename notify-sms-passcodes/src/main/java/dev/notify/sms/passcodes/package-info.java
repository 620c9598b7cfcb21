/**
 * One-time passcodes by SMS: {@link dev.notify.sms.passcodes.SmsPasscodes} writes the text and sends it with the
 * SMS provider of the server's settings. Depends on notify-api only and installs no provider.
 */
package dev.notify.sms.passcodes;
