package dev.notify.sample.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.SettingsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A mistyped key in application-typo.yml stops the application and says which key was meant, and where. */
@ExtendWith(OutputCaptureExtension.class)
class MistypedKeyTest {

    @Test
    void mistypedKeyFailsStartupWithTheNotifyKeyMeant(CapturedOutput output) {
        SpringApplicationBuilder application = new SpringApplicationBuilder(SampleApplication.class)
                .profiles("typo");

        assertThatThrownBy(application::run).rootCause().isInstanceOf(SettingsException.class)
                .hasMessageContaining("notify.servers.eu-1.email.smtp.prot: unknown setting; did you mean "
                        + "'notify.servers.eu-1.email.smtp.port'?");
        assertThat(output).contains("APPLICATION FAILED TO START", "A notify setting is invalid:",
                "notify.servers.eu-1.email.smtp.prot: unknown setting; did you mean "
                        + "'notify.servers.eu-1.email.smtp.port'? (class path resource [application-typo.yml] - 6:17)",
                "Correct the notify.* properties listed above.");
    }
}
