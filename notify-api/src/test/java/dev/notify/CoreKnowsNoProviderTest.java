package dev.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** notify-api's main code names no provider, provider key or provider host: providers declare their own. */
class CoreKnowsNoProviderTest {

    private static final Pattern PROVIDER_NAMES = Pattern.compile(
            "email\\.smtp|email\\.graph|sms\\.destination|sms\\.recipient|sms\\.subject|\"smtp\"|\"graph\""
                    + "|email-gateway|office365|outlook\\.|microsoftonline|graph\\.microsoft|chinacloudapi"
                    + "|twilio|vonage|infobip",
            Pattern.CASE_INSENSITIVE);

    @Test
    void noFileInTheMainSourcesNamesAProvider() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(Path.of("src", "main"))) {
            offenders = files.filter(Files::isRegularFile)
                    .filter(file -> PROVIDER_NAMES.matcher(read(file)).find())
                    .map(Path::toString)
                    .toList();
        }

        assertThat(offenders).isEmpty();
    }

    @Test
    void thePatternFindsAProviderNameWhereThereIsOne() {
        assertThat(PROVIDER_NAMES.matcher("SettingKey.host(\"email.smtp.host\")").find()).isTrue();
        assertThat(PROVIDER_NAMES.matcher("https://login.microsoftonline.com").find()).isTrue();
        assertThat(PROVIDER_NAMES.matcher("SettingKeys.EMAIL_DELIVERY_METHOD").find()).isFalse();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
