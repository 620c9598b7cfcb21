package dev.notify.graph;

import static dev.notify.graph.GraphTokenTest.mail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.Channel;
import dev.notify.SendRejectedException;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.Settings;
import dev.notify.spi.EmailSender;
import dev.notify.spi.SenderContext;
import dev.notify.testkit.time.ManualScheduler;
import java.time.Clock;
import java.time.Instant;
import dev.notify.spi.SenderProvider;
import dev.notify.testkit.graph.GraphServerExtension;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GraphSenderProviderTest {

    @RegisterExtension
    static final GraphServerExtension graph = GraphServerExtension.create();

    @Test
    void serviceLoaderFindsTheGraphProviderForEmail() {
        assertThat(ServiceLoader.load(SenderProvider.class).stream().map(ServiceLoader.Provider::get))
                .filteredOn(p -> p.id().equals("graph")).singleElement().satisfies(p -> {
                    assertThat(p).isInstanceOf(GraphSenderProvider.class);
                    assertThat(p.channel()).isEqualTo(Channel.EMAIL);
                    assertThat(p.settings().keys()).contains(GraphSettingKeys.ENDPOINT, dev.notify.microsoft.MicrosoftIdentityKeys.TENANT_ID);
                });
    }

    @Test
    void creatingASenderContactsNobodyAndAClosedSenderRefusesToSend() {
        ResolvedSettings settings = Settings.builder().global(graph.layer()).build().resolveGlobal();
        EmailSender sender = new GraphSenderProvider().withTrustStore(graph.trustStore())
                .create(new SenderContext(settings, Clock.systemUTC(), ManualScheduler.startingAt(Instant.now())));

        assertThat(graph.tokenRequests()).isEmpty();
        sender.close();
        sender.close();
        assertThatThrownBy(() -> sender.send(mail("after close").toBuilder().from("a@contoso.example")
                .messageId("<x@contoso.example>").build())).isInstanceOf(SendRejectedException.class);
        assertThat(graph.sendMailRequestCount()).isZero();
    }
}
