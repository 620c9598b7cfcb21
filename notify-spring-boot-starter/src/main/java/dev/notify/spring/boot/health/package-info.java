/**
 * The {@code notify} health contributor: a component per server with each channel's state, the last send's
 * outcome and, when asked for, a connectivity probe.
 */
package dev.notify.spring.boot.health;
