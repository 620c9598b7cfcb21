package dev.notify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code notify settings} on a PostgreSQL store: the same commands with {@code --jdbc-url}, no credential printed. */
class SettingsJdbcCommandsTest {

    private static final String DB_PASSWORD = "db-s3cret-in-the-url";

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    private static CliRun settings(String url, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "settings";
        all[1] = args[0];
        all[2] = "--jdbc-url=" + url;
        System.arraycopy(args, 1, all, 3, args.length - 1);
        return CliRun.of(all);
    }

    @Test
    void setShowAndHistoryWorkOnTheDatabaseAndNeverPrintTheUrlsCredentials() {
        String url = postgres.getJdbcUrl("postgres", "postgres") + "&password=" + DB_PASSWORD;

        CliRun set = settings(url, "set", "servers.eu-1.email.smtp.host", "relay-eu.example.com", "--author", "ann");
        CliRun show = settings(url, "show", "--server", "eu-1");
        JsonNode history = settings(url, "history", "--json").json();

        assertThat(set.exitCode()).as(set.all()).isZero();
        assertThat(set.out()).contains("Saved as version 1");
        assertThat(show.out()).isEqualTo("version 1\nservers.eu-1.email.smtp.host=relay-eu.example.com\n");
        assertThat(history.get("entries").get(0).get("author").asText()).isEqualTo("ann");
        assertThat(set.all() + show.all() + history).doesNotContain(DB_PASSWORD);
    }

    @Test
    void unreachableDatabaseNamesTheUrlWithoutItsCredentials() {
        CliRun show = settings("jdbc:postgresql://127.0.0.1:1/portal?connectTimeout=2&password=" + DB_PASSWORD,
                "show");

        assertThat(show.exitCode()).isNotZero();
        assertThat(show.all()).contains("settings store at jdbc:postgresql://127.0.0.1:1/portal")
                .doesNotContain(DB_PASSWORD);
    }
}
