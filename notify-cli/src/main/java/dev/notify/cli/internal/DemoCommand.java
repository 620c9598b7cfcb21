package dev.notify.cli.internal;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.notify.Notifier;
import dev.notify.SendResult;
import dev.notify.ServerNotifier;
import dev.notify.settings.PropertiesFormat;
import dev.notify.settings.SettingKeys;
import dev.notify.settings.Settings;
import dev.notify.sms.passcodes.SmsPasscodes;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Start an embedded SMTP server on a free loopback port, send the test email and a passcode SMS "
                + "through it with a global layer and a server override, and print what the server received.")
public final class DemoCommand extends BaseCommand {

    private static final String SERVER = "eu-1";

    @Override
    int run(Output out) {
        GreenMail smtpServer = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtpServer.start();
        try {
            int port = smtpServer.getSmtp().getPort();
            Map<String, String> properties = properties(port);
            out.line("Embedded SMTP server listening on 127.0.0.1:" + port);
            out.line("Settings (global layer, then the override for server " + SERVER + "):");
            properties.forEach((k, v) -> out.line("  " + k + "=" + v));
            Settings settings = PropertiesFormat.standard().parse(properties);
            try (Notifier notifier = Notifier.builder().settings(settings).build()) {
                ServerNotifier eu = notifier.server(SERVER);
                String method = eu.settings().get(SettingKeys.EMAIL_DELIVERY_METHOD);
                out.line("");
                out.line("Sending the test email and a passcode SMS for server " + SERVER + " (delivery method "
                        + method + ")...");
                SendResult email = eu.sendTestEmail("admin@example.com");
                String passcode = String.format("%06d", new SecureRandom().nextInt(1_000_000));
                SendResult sms = SmsPasscodes.of(notifier).send(SERVER, "+1 (555) 010-1234", passcode,
                        Duration.ofMinutes(10));
                smtpServer.waitForIncomingEmail(5_000, 2);
                List<Map<String, Object>> received = received(smtpServer.getReceivedMessages());
                out.line("");
                out.line("The SMTP server received " + received.size() + " message(s):");
                for (Map<String, Object> m : received) {
                    out.line("  from:    " + m.get("from"));
                    out.line("  to:      " + m.get("to"));
                    out.line("  subject: " + m.get("subject"));
                    out.line("  body:    " + m.get("firstLine"));
                    out.line("");
                }
                out.line("Sent with the settings of server " + SERVER + " via " + email.providerId().orElse("?")
                        + "; the SMS went to gateway address " + sms.details().getOrDefault("sms.gateway-address", "?"));
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("server", SERVER);
                doc.put("deliveryMethod", method);
                doc.put("smtpPort", port);
                doc.put("emailMessageId", email.messageId().orElse(null));
                doc.put("smsGatewayAddress", sms.details().get("sms.gateway-address"));
                doc.put("received", received);
                out.document(doc);
                return received.size() == 2 ? ExitCode.OK : ExitCode.DELIVERY_FAILED;
            }
        } finally {
            smtpServer.stop();
        }
    }

    private static Map<String, String> properties(int port) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("email.enabled", "true");
        p.put("email.delivery-method", "smtp");
        p.put("email.sender", "Customer Service <support@example.com>");
        p.put("email.smtp.host", "127.0.0.1");
        p.put("email.smtp.port", String.valueOf(port));
        p.put("email.smtp.tls", "none");
        p.put("sms.enabled", "true");
        p.put("sms.email-gateway.sender", "sms@example.com");
        p.put("sms.email-gateway.destination-domain", "sms.example.net");
        p.put("servers." + SERVER + ".email.sender", "EU Portal <portal-eu@example.com>");
        return p;
    }

    private static List<Map<String, Object>> received(MimeMessage[] messages) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (MimeMessage message : messages) {
            try {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("from", join(message.getFrom()));
                m.put("to", join(message.getAllRecipients()));
                m.put("subject", message.getSubject());
                m.put("firstLine", firstLine(message));
                list.add(m);
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException("cannot read a received message: " + e.getMessage(), e);
            }
        }
        return list;
    }

    private static String firstLine(MimeMessage message) throws MessagingException, IOException {
        Object content = message.getContent();
        String text = content instanceof String s ? s : "(" + message.getContentType() + ")";
        return text.strip().lines().findFirst().orElse("");
    }

    private static String join(Address[] addresses) {
        return addresses == null ? "" : Arrays.stream(addresses).map(a -> {
            String s = a.toString();
            try {
                return jakarta.mail.internet.MimeUtility.decodeText(s);
            } catch (java.io.UnsupportedEncodingException e) {
                return s;
            }
        }).collect(Collectors.joining(", "));
    }
}
