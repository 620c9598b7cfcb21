/** Micrometer observations of sends: {@code notify.send}, {@code notify.send.attempt} and the retries event. */
package dev.notify.spring.boot.observation;
