package dev.notify.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.settings.SettingKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's section "Durable outbox" shows the outbox's keys and its table's DDL as the code has them. */
class ReadmeOutboxSectionTest {

    private static String section() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("## Durable outbox");
        return readme.substring(start, readme.indexOf("\n## ", start + 1));
    }

    @Test
    void keyTableListsEveryOutboxKeyWithItsDefaultAndMeaning() throws IOException {
        StringBuilder table = new StringBuilder("| key | default | meaning |\n|---|---|---|\n");
        for (SettingKey<?> k : new OutboxSettings().settings().keys()) {
            table.append("| `").append(k.name()).append("` | `").append(k.defaultDescription().orElseThrow())
                    .append("` | ").append(k.description()).append(" |\n");
        }

        assertThat(section()).contains(table);
    }

    @Test
    void ddlIsTheOneShippedInTheJar() throws IOException {
        String ddl = JdbcJournal.postgresqlDdl();
        String statements = ddl.substring(ddl.indexOf("CREATE TABLE"));

        assertThat(section()).contains("```sql\n" + statements + "```");
    }
}
