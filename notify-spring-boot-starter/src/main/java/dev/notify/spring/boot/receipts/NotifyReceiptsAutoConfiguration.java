package dev.notify.spring.boot.receipts;

import dev.notify.Notifier;
import dev.notify.sms.http.DeliveryReceiptHandler;
import dev.notify.spring.boot.NotifyAutoConfiguration;
import dev.notify.web.servlet.WebHandlerServlet;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * Mounts notify-sms-http's {@link DeliveryReceiptHandler} as a servlet at {@code notify.sms-receipts.path} when
 * {@code notify.sms-receipts.enabled=true}, notify-sms-http and the Servlet API are on the class path, and there is a
 * {@link Notifier}. The handler verifies every callback with the notifier's settings; nothing else protects it, so
 * the host's security filters must let the services reach the path without a login.
 */
@AutoConfiguration(after = NotifyAutoConfiguration.class)
@ConditionalOnClass(name = {"dev.notify.sms.http.DeliveryReceiptHandler", "dev.notify.web.servlet.WebHandlerServlet",
        "jakarta.servlet.http.HttpServlet"})
@ConditionalOnProperty(prefix = "notify.sms-receipts", name = "enabled", havingValue = "true")
@ConditionalOnBean(Notifier.class)
@EnableConfigurationProperties(NotifyReceiptsProperties.class)
public class NotifyReceiptsAutoConfiguration {

    /** Created by Spring. */
    public NotifyReceiptsAutoConfiguration() {
    }

    /** The handler, on the application's notifier. */
    @Bean
    @ConditionalOnMissingBean
    public DeliveryReceiptHandler notifyDeliveryReceiptHandler(Notifier notifier) {
        return DeliveryReceiptHandler.create(notifier);
    }

    /** The servlet that serves it, at {@code notify.sms-receipts.path}. */
    @Bean
    public ServletRegistrationBean<WebHandlerServlet> notifyDeliveryReceiptServlet(DeliveryReceiptHandler handler,
            NotifyReceiptsProperties properties) {
        ServletRegistrationBean<WebHandlerServlet> registration = new ServletRegistrationBean<>(
                new WebHandlerServlet(handler), properties.path() + "/*");
        registration.setName("notifyDeliveryReceipts");
        return registration;
    }
}
