package dev.notify.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's settings reference is the schema of notify's own providers, row for row. */
class ReadmeReferenceTest {

    static String referenceTable() {
        StringBuilder table = new StringBuilder("| key | default | meaning |\n|---|---|---|\n");
        for (SettingKey<?> k : SettingsSchema.installed().keys()) {
            String defaultValue = k.defaultDescription().map(d -> "`" + d + "`").orElse("");
            String notes = (k.isSecret() ? " Secret." : "")
                    + k.credentialGroup().map(g -> " Credential group `" + g + "`.").orElse("");
            table.append("| `").append(k.name()).append("` | ").append(defaultValue).append(" | ")
                    .append(k.description()).append(notes).append(" |\n");
        }
        return table.toString();
    }

    @Test
    void readmeReferenceListsEveryKeyWithItsDefaultAndMeaning() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));

        assertThat(readme).as("README.md's reference table; regenerate it from ReadmeReferenceTest.referenceTable()")
                .contains(referenceTable());
    }
}
