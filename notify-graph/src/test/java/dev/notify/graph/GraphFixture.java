package dev.notify.graph;

import dev.notify.Notifier;
import dev.notify.settings.Layer;
import dev.notify.settings.Settings;
import dev.notify.testkit.graph.GraphServerExtension;
import java.util.function.UnaryOperator;

/** Builds notifiers that send through the test kit's Graph server. */
final class GraphFixture {

    private GraphFixture() {
    }

    static Notifier notifier(GraphServerExtension graph) {
        return notifier(graph, b -> b);
    }

    /** A notifier with the fixture's settings changed by {@code settings}, trusting the fixture's CA. */
    static Notifier notifier(GraphServerExtension graph, UnaryOperator<Layer.Builder> settings) {
        Layer layer = settings.apply(Layer.builder(graph.layer())).build();
        return Notifier.builder()
                .settings(Settings.builder().global(layer).build())
                .provider(new GraphSenderProvider().withTrustStore(graph.trustStore()))
                .discoverProviders(false)
                .build();
    }
}
