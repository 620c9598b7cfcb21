package dev.notify.graph;

import static dev.notify.graph.GraphTokenTest.mail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notifier;
import dev.notify.microsoft.GraphCloud;
import dev.notify.microsoft.MicrosoftIdentityKeys;
import dev.notify.testkit.graph.GraphServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GraphNationalCloudTest {

    @RegisterExtension
    static final GraphServerExtension graph = GraphServerExtension.create();

    @Test
    void usGovCloudRequestsTheUsGovGraphScopeWhileAuthorityAndEndpointOverridesWin() {
        try (Notifier notifier = GraphFixture.notifier(graph, b -> b.set(MicrosoftIdentityKeys.CLOUD, GraphCloud.USGOV))) {
            notifier.global().sendEmail(mail("to US Gov"));
        }

        assertThat(graph.tokenRequests()).singleElement()
                .satisfies(r -> assertThat(r.form().get("scope").split(" ")).contains("https://graph.microsoft.us/.default")
                        .doesNotContain("https://graph.microsoft.com/.default"));
        assertThat(graph.messages()).hasSize(1);
    }
}
