package dev.notify.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's settings reference is the schema of notify's own providers, row for row. After a deliberate change of
 * keys, {@code -Dreadme.update=true} rewrites the table in README.md.
 */
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
        Path path = Path.of("..", "README.md");
        String readme = Files.readString(path);
        if (Boolean.getBoolean("readme.update")) {
            String header = "| key | default | meaning |\n|---|---|---|\n";
            int start = readme.indexOf(header);
            int end = readme.indexOf("\n\n", start);
            readme = readme.substring(0, start) + referenceTable() + readme.substring(end + 1);
            Files.writeString(path, readme);
        }

        assertThat(readme).as("README.md's reference table; regenerate it from ReadmeReferenceTest.referenceTable()")
                .contains(referenceTable());
    }
}
