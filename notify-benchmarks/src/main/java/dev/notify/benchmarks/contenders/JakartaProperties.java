package dev.notify.benchmarks.contenders;

import dev.notify.benchmarks.harness.Target;
import java.util.Properties;

/** Jakarta Mail session properties for a target, as an application would set them. */
final class JakartaProperties {

    private JakartaProperties() {
    }

    static Properties of(Target target) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", target.host());
        p.setProperty("mail.smtp.port", String.valueOf(target.port()));
        p.setProperty("mail.smtp.connectiontimeout", "10000");
        p.setProperty("mail.smtp.timeout", "10000");
        if (target.secure()) {
            p.setProperty("mail.smtp.starttls.enable", "true");
            p.setProperty("mail.smtp.starttls.required", "true");
            p.put("mail.smtp.ssl.socketFactory", target.tls().getSocketFactory());
            p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            p.setProperty("mail.smtp.auth", "true");
            p.setProperty("mail.smtp.auth.mechanisms", "PLAIN");
        }
        return p;
    }
}
