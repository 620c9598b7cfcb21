/**
 * Test support for notify in Spring Boot: {@link dev.notify.spring.boot.test.AutoConfigureNotifyFakes} sends
 * through the test kit's fakes.
 */
package dev.notify.spring.boot.test;
