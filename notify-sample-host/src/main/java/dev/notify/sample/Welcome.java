package dev.notify.sample;

import dev.notify.SendResult;

/**
 * What welcoming a user sent.
 *
 * @param email    the result of the welcome email
 * @param sms      the result of the passcode SMS
 * @param passcode the passcode the SMS carried, for the application to check when the user types it
 */
public record Welcome(SendResult email, SendResult sms, String passcode) {
}
