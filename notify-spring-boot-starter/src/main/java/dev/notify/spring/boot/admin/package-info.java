/**
 * notify-admin's "Email and SMS" page, mounted as a servlet when {@code notify.admin.enabled=true}, on the
 * application's settings store and behind the host's authorization.
 */
package dev.notify.spring.boot.admin;
