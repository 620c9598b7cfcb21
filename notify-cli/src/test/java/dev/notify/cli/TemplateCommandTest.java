package dev.notify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateCommandTest {

    @TempDir
    Path dir;

    private Path config() {
        return CliRun.writeConfig(dir,
                "templates.invitation.subject=You are invited, {{user}}",
                "templates.invitation.text=Hello {{user}},\\nyou have {{files}} files.",
                "templates.invitation.html=<p>Hello {{user}}</p>",
                "templates.invitation.de.subject=Sie sind eingeladen, {{user}}",
                "templates.invitation.de.text=Hallo {{user}},\\nSie haben {{files}} Dateien.",
                "servers.eu.templates.invitation.de.subject=[EU] Einladung für {{user}}",
                "servers.eu-1.inherits=eu",
                "servers.eu-1.templates.invitation.de.text=Hallo {{user}} aus EU-1,\\n{{files}} Dateien warten.");
    }

    @Test
    void renderPrintsEachPartWithTheSettingAndLayerItCameFrom() {
        CliRun run = CliRun.of("template", "render", "invitation", "--config", config().toString(), "--server", "eu-1",
                "--locale", "de-CH", "--var", "user=Alice", "--var", "files=1234");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("Template invitation for server eu-1, locale de-CH:")
                .contains("subject  (servers.eu.templates.invitation.de.subject, inherited from server eu, locale de)")
                .contains("  [EU] Einladung für Alice")
                .contains("text  (servers.eu-1.templates.invitation.de.text, set here, locale de)")
                .contains("  Hallo Alice aus EU-1,\n  1’234 Dateien warten.")
                .doesNotContain("html");
    }

    @Test
    void renderAsJsonGivesTextKeyAndOrigin() {
        JsonNode json = CliRun.of("template", "render", "invitation", "--config", config().toString(),
                "--var", "user=<Bob>", "--var", "files=2", "--json").json();

        assertThat(json.get("parts")).hasSize(3);
        JsonNode html = json.get("parts").get(2);
        assertThat(html.get("part").asText()).isEqualTo("html");
        assertThat(html.get("text").asText()).isEqualTo("<p>Hello &lt;Bob&gt;</p>");
        assertThat(html.get("originKind").asText()).isEqualTo("global");
        assertThat(html.get("key").asText()).isEqualTo("templates.invitation.html");
    }

    @Test
    void aMissingVariableIsAnErrorNamingTemplateAndVariable() {
        CliRun run = CliRun.of("template", "render", "invitation", "--config", config().toString(), "--var", "user=Al");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("templates.invitation.text").contains("'files'").contains("missing");
    }
}
