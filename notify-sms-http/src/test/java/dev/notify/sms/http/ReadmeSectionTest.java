package dev.notify.sms.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Channel;
import dev.notify.message.SmsMessage;
import dev.notify.settings.PropertiesFormat;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.SettingKeys;
import dev.notify.settings.Settings;
import dev.notify.json.Json;
import dev.notify.spi.SmsSender;
import dev.notify.testkit.sms.SmsRequest;
import dev.notify.testkit.sms.WebhookServerExtension;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's section on HTTP SMS services shows settings that work and the webhook body the provider sends. */
class ReadmeSectionTest {

    @RegisterExtension
    static final WebhookServerExtension relay = WebhookServerExtension.create();

    private static String section() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("\n### SMS through an HTTP SMS service\n");
        assertThat(start).as("the README section").isNotNegative();
        int end = readme.indexOf("\n### ", start + 1);
        return readme.substring(start, end);
    }

    private static String block(String section, String language) {
        int start = section.indexOf("```" + language + "\n") + language.length() + 4;
        return section.substring(start, section.indexOf("```", start));
    }

    @Test
    void settingsBlockConfiguresEachServiceForItsServers() throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(block(section(), "properties")));
        Settings settings = PropertiesFormat.standard().withEnvironment(name -> "value-of-" + name).parse(properties);

        Map<String, String> methods = Map.of("global", "twilio", "eu-1", "vonage", "de-1", "infobip", "onprem", "webhook");
        methods.forEach((server, method) -> {
            ResolvedSettings resolved = server.equals("global") ? settings.resolveGlobal() : settings.resolve(server);
            assertThat(resolved.problems(Channel.SMS)).as(server).isEmpty();
            assertThat(resolved.get(SettingKeys.SMS_DELIVERY_METHOD)).as(server).isEqualTo(method);
        });
    }

    @Test
    void webhookBodyShownIsTheOneSent() throws IOException {
        Object shown = Json.parse(block(section(), "json"));
        try (SmsSender sender = StubSenders.sender(new WebhookSmsProvider(),
                StubSenders.layer(relay, "sms.webhook.from=ACME"))) {
            sender.send(SmsMessage.of("+15550101234", "Your passcode is 424242. It expires in 10 min.")
                    .withMessageId("<2f1c0c6e0d8e4d7fa1b2c3d4e5f60718@portal.example.com>"));
        }

        SmsRequest sent = relay.messages().get(0).request();
        assertThat(Json.parse(sent.body())).isEqualTo(shown);
    }
}
