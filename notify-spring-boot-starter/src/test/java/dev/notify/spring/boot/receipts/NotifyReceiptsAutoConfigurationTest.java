package dev.notify.spring.boot.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Channel;
import dev.notify.Notifier;
import dev.notify.sms.http.DeliveryReceiptHandler;
import dev.notify.spring.boot.NotifyAutoConfiguration;
import dev.notify.web.WebRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;

/** The delivery receipt endpoint is mounted at the configured path when enabled, and only then. */
class NotifyReceiptsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NotifyAutoConfiguration.class,
                    NotifyReceiptsAutoConfiguration.class))
            .withPropertyValues(
                    "notify.sms.enabled=true",
                    "notify.sms.delivery-method=twilio",
                    "notify.sms.twilio.account-sid=AC0123456789abcdef0123456789abcdef",
                    "notify.sms.twilio.auth-token=spring-test-token",
                    "notify.sms.twilio.from=+15005550006",
                    "notify.sms.receipts.public-base-url=https://portal.example.com/hooks/sms");

    @Test
    void enabledMountsTheHandlerAtTheConfiguredPath() {
        runner.withPropertyValues("notify.sms-receipts.enabled=true", "notify.sms-receipts.path=/hooks/sms")
                .run(context -> {
                    ServletRegistrationBean<?> servlet = context.getBean(ServletRegistrationBean.class);
                    DeliveryReceiptHandler handler = context.getBean(DeliveryReceiptHandler.class);
                    Notifier notifier = context.getBean(Notifier.class);

                    int forged = handler.handle(WebRequest.builder("POST", "/twilio")
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("X-Twilio-Signature", "bm90IGEgc2lnbmF0dXJl")
                            .body("MessageSid=SM1&MessageStatus=delivered".getBytes(StandardCharsets.UTF_8))
                            .build()).status();

                    assertThat(servlet.getUrlMappings()).containsExactly("/hooks/sms/*");
                    assertThat(forged).isEqualTo(403);
                    assertThat(notifier.deliveries().counts().refused()).isEqualTo(1);
                    assertThat(notifier.global().settings().problems(Channel.SMS)).isEmpty();
                });
    }

    @Test
    void theDefaultPathIsNotifySmsReceipts() {
        runner.withPropertyValues("notify.sms-receipts.enabled=true").run(context -> {
            ServletRegistrationBean<?> servlet = context.getBean(ServletRegistrationBean.class);
            assertThat(servlet.getUrlMappings()).containsExactly("/notify/sms-receipts/*");
        });
    }

    @Test
    void nothingIsMountedUnlessEnabled() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(DeliveryReceiptHandler.class);
            assertThat(context).doesNotHaveBean(ServletRegistrationBean.class);
        });
    }
}
