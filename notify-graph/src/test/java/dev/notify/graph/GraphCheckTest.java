package dev.notify.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.CheckReport;
import dev.notify.Notifier;
import dev.notify.Problem;
import dev.notify.testkit.graph.GraphServerExtension;
import dev.notify.testkit.graph.TokenFault;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GraphCheckTest {

    @RegisterExtension
    static final GraphServerExtension graph = GraphServerExtension.create();

    @Test
    void checkReportsTheTokensExpiryAndTheMailSendRoleWithoutSending() {
        graph.tokenLifetime(Duration.ofSeconds(3599)).roles("User.Read.All", "Mail.Send");

        CheckReport report;
        try (Notifier notifier = GraphFixture.notifier(graph)) {
            report = notifier.global().check();
        }

        assertThat(report.ok()).as(report.toString()).isTrue();
        assertThat(report.providerId()).isEqualTo("graph");
        assertThat(report.item("token.roles")).contains("User.Read.All, Mail.Send");
        assertThat(report.item("token.mail-send")).contains("granted");
        assertThat(Instant.parse(report.item("token.expires").orElseThrow()))
                .isBetween(Instant.now().plusSeconds(3500), Instant.now().plusSeconds(3600));
        assertThat(report.item("graph.authority")).contains(graph.baseUrl() + "/" + graph.tenantId() + "/");
        assertThat(graph.tokenRequests()).hasSize(1);
        assertThat(graph.sendMailRequestCount()).isZero();
    }

    @Test
    void checkFailsWhenTheTokenLacksMailSendAndSaysHowToGrantIt() {
        graph.roles("User.Read.All");

        CheckReport report;
        try (Notifier notifier = GraphFixture.notifier(graph)) {
            report = notifier.global().check();
        }

        assertThat(report.ok()).isFalse();
        assertThat(report.item("token.mail-send")).contains("missing");
        assertThat(report.failure()).hasValueSatisfying(f -> assertThat(f)
                .contains("no Mail.Send role", "Application permissions", "admin consent", graph.clientId()));
        assertThat(report.toString()).doesNotContain(graph.clientSecret());
    }

    @Test
    void refusedClientSecretFailsTheCheckNamingTheSecretsKey() {
        graph.failNextTokenRequests(1, TokenFault.invalidClientSecret());

        CheckReport report;
        try (Notifier notifier = GraphFixture.notifier(graph)) {
            report = notifier.global().check();
        }

        assertThat(report.ok()).isFalse();
        assertThat(report.settingsProblems()).extracting(Problem::key).containsExactly("email.graph.client-secret");
        assertThat(report.failure()).hasValueSatisfying(f -> assertThat(f).contains("email.graph.client-secret"));
        assertThat(report.toString()).doesNotContain(graph.clientSecret());
        assertThat(graph.sendMailRequestCount()).isZero();
    }
}
