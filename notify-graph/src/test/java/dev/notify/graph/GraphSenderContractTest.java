package dev.notify.graph;

import dev.notify.message.EmailMessage;
import dev.notify.settings.Layer;
import dev.notify.spi.SenderProvider;
import dev.notify.testkit.contract.SenderContractTest;
import dev.notify.testkit.contract.SenderHarness;
import dev.notify.testkit.graph.GraphFault;
import dev.notify.testkit.graph.GraphServerExtension;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The provider contract every email provider meets, run against the Graph provider and the test kit's Graph server. */
class GraphSenderContractTest extends SenderContractTest {

    @RegisterExtension
    static final GraphServerExtension graph = GraphServerExtension.create();

    @Override
    protected SenderHarness createHarness() {
        return new SenderHarness() {
            private final SenderProvider provider = new GraphSenderProvider().withTrustStore(graph.trustStore());

            @Override
            public SenderProvider provider() {
                return provider;
            }

            @Override
            public Layer settings() {
                return graph.layer();
            }

            @Override
            public void failNextSendTransiently() {
                graph.failNextSendMails(1, GraphFault.serviceUnavailable());
            }

            @Override
            public void failNextSendPermanently() {
                graph.failNextSendMails(1, GraphFault.error(400, "ErrorInvalidRecipients", "Invalid recipients."));
            }

            @Override
            public List<EmailMessage> received() {
                return graph.messages();
            }

            @Override
            public Set<String> secrets() {
                return Set.of(graph.clientSecret());
            }
        };
    }
}
