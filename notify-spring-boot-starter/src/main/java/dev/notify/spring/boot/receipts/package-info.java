/**
 * The SMS delivery receipt endpoint of notify-sms-http, mounted as a servlet when
 * {@code notify.sms-receipts.enabled=true}.
 */
package dev.notify.spring.boot.receipts;
