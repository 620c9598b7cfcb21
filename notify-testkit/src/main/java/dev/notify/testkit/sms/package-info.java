/**
 * HTTP SMS service stand-ins for tests of the {@code twilio}, {@code vonage}, {@code infobip} and {@code webhook}
 * providers: {@link dev.notify.testkit.sms.TwilioServerExtension}, {@link dev.notify.testkit.sms.VonageServerExtension},
 * {@link dev.notify.testkit.sms.InfobipServerExtension} and {@link dev.notify.testkit.sms.WebhookServerExtension},
 * with {@link dev.notify.testkit.sms.SmsFault} to make them fail and {@link dev.notify.testkit.sms.SmsRequest} and
 * {@link dev.notify.testkit.sms.SentSms} to assert on what they received. Needs WireMock, BouncyCastle and JUnit
 * Jupiter on the test class path.
 */
package dev.notify.testkit.sms;
