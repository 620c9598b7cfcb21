package dev.notify.spring.boot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Sends through the test kit's fakes in a Spring Boot test: every layer's {@code email.delivery-method} and
 * {@code sms.delivery-method} become {@code fake}, whatever {@code notify.} properties say, so nothing leaves the
 * test; channels stay enabled or disabled as configured. The context gets the notifier's {@code Outbox} and
 * {@code Fakes} as beans, and both are reset before each test method.
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureNotifyFakes
 * class WelcomeTest {
 *     @Autowired WelcomeService service;
 *     @Autowired Outbox outbox;
 *
 *     @Test
 *     void welcomeEmailGoesToTheNewUser() {
 *         service.welcome("eu-1", "alice@example.com");
 *         assertThat(outbox).hasSentEmailTo("alice@example.com");
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration(NotifyFakesAutoConfiguration.class)
public @interface AutoConfigureNotifyFakes {
}
