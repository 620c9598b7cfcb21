/**
 * Reading and verifying the delivery receipts of Twilio, Vonage and Infobip; not API, may change at any time.
 */
package dev.notify.sms.http.internal.receipts;
