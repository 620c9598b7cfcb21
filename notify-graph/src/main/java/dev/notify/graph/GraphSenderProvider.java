package dev.notify.graph;

import dev.notify.Channel;
import dev.notify.graph.internal.AppRequestLimits;
import dev.notify.graph.internal.GraphSender;
import dev.notify.graph.internal.Tls;
import dev.notify.microsoft.MicrosoftIdentityKeys;
import dev.notify.spi.ProviderSettings;
import dev.notify.spi.Sender;
import dev.notify.spi.SenderContext;
import dev.notify.spi.SenderProvider;
import dev.notify.spi.TrustStores;
import java.security.KeyStore;
import java.util.Objects;

/**
 * Delivers email with Microsoft Graph: {@code email.delivery-method=graph}. The app registration of
 * {@code email.graph.tenant-id} and {@code email.graph.client-id} gets a token with the client-credentials flow
 * (a client secret or a PKCS#12 certificate) and sends as the message's From mailbox with
 * {@code POST /users/{from}/sendMail}. The app needs the Mail.Send application permission with admin consent.
 *
 * <ul>
 *   <li>One token request per token lifetime per sender, shared by all threads; a token Graph refuses (401) is
 *       renewed once within the same send.</li>
 *   <li>Exactly one sendMail request per attempt: the Graph SDK's retry and redirect handlers are not used, so
 *       {@code email.retry.*} alone decides retries. 429, 503 and 504 are transient and carry {@code Retry-After}.</li>
 *   <li>At most 4 requests in flight per app registration (Microsoft's concurrency limit per app and mailbox),
 *       shared by every sender this provider instance creates for that app; further sends wait up to
 *       {@code email.graph.read-timeout}.</li>
 *   <li>Messages over 3 MB (bodies and attachments, before base64) are refused with an
 *       {@link dev.notify.InvalidMessageException} before any request: sendMail takes at most 4 MB per request, and
 *       the upload-session flow would need the extra Mail.ReadWrite permission.</li>
 *   <li>Only {@code X-} headers can be sent; the HTML body wins over the text body when a message has both.</li>
 * </ul>
 *
 * <p>The login host and Graph are verified against {@code email.graph.trust-store} when it is set, else against
 * the JVM's default trust store; {@link #trusting(KeyStore)} gives a provider that trusts a private certificate
 * authority for settings without a trust store of their own.
 *
 * <p>This class is threadsafe. Its only state is the in-flight limit per app registration; a notifier gets its
 * own instance from ServiceLoader.
 */
public final class GraphSenderProvider implements SenderProvider {

    /** The provider id, the value of {@code email.delivery-method}. */
    public static final String ID = "graph";

    private static final ProviderSettings SETTINGS = GraphSettingKeys.settings();

    private final Tls tls;
    private final AppRequestLimits limits = new AppRequestLimits();

    /** A provider verifying TLS with the JVM's default trust store; the constructor ServiceLoader uses. */
    public GraphSenderProvider() {
        this(Tls.jvmDefault());
    }

    private GraphSenderProvider(Tls tls) {
        this.tls = tls;
    }

    /**
     * A provider whose senders trust exactly the certificate authorities in {@code trustStore} for the login host
     * and Graph (host names are still verified). The store is read now. Register it with
     * {@code Notifier.builder().provider(...)}.
     *
     * @throws IllegalArgumentException when the store cannot be used as a trust store
     */
    public static GraphSenderProvider trusting(KeyStore trustStore) {
        return new GraphSenderProvider(Tls.trusting(Objects.requireNonNull(trustStore, "trustStore")));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public ProviderSettings settings() {
        return SETTINGS;
    }

    @Override
    public Sender create(SenderContext context) {
        Tls trust = TrustStores.load(context.settings(), MicrosoftIdentityKeys.TRUST_STORE,
                MicrosoftIdentityKeys.TRUST_STORE_PASSWORD).map(Tls::trusting).orElse(tls);
        return GraphSender.create(context.settings(), trust, limits);
    }

    @Override
    public String toString() {
        return "GraphSenderProvider[" + (tls.isJvmDefault() ? "JVM trust store" : "custom trust store") + "]";
    }
}
