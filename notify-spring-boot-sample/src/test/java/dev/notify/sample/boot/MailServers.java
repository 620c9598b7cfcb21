package dev.notify.sample.boot;

import dev.notify.testkit.graph.GraphServerExtension;
import dev.notify.testkit.smtp.SmtpServerExtension;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Points the sample's notify settings at the test kit's SMTP server (global) and Graph stub (server us-1). */
final class MailServers {

    static final String SMTP_USER = "portal";
    static final String SMTP_PASSWORD = "s3cret";

    private MailServers() {
    }

    static SmtpServerExtension smtp() {
        return SmtpServerExtension.startTls().withUser(SMTP_USER, SMTP_PASSWORD);
    }

    static void register(DynamicPropertyRegistry registry, SmtpServerExtension smtp, GraphServerExtension graph) {
        for (String key : new String[] {"email.smtp.host", "email.smtp.port", "email.smtp.trust-store",
                "email.smtp.trust-store-password", "email.smtp.auth.password"}) {
            registry.add("notify." + key, () -> smtp.properties().get(key));
        }
        for (String key : new String[] {"email.graph.authority", "email.graph.endpoint", "email.graph.trust-store",
                "email.graph.trust-store-password", "email.graph.client-secret"}) {
            registry.add("notify.servers.us-1." + key, () -> graph.properties().get(key));
        }
    }
}
