/**
 * SMS through HTTP SMS services: {@link dev.notify.sms.http.TwilioSmsProvider} ({@code twilio}),
 * {@link dev.notify.sms.http.VonageSmsProvider} ({@code vonage}), {@link dev.notify.sms.http.InfobipSmsProvider}
 * ({@code infobip}) and {@link dev.notify.sms.http.WebhookSmsProvider} ({@code webhook}, for in-house relays),
 * chosen with {@code sms.delivery-method}. Each needs only the JDK's {@code java.net.http.HttpClient}; each
 * normalises numbers to E.164 and measures texts against {@code sms.max-segments} before any request, makes one
 * request per attempt, and reports "accepted by" the service, never that the phone got the text.
 */
package dev.notify.sms.http;
