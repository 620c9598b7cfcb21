package dev.notify.graph;

import dev.notify.Channel;
import dev.notify.graph.internal.AppRequestLimits;
import dev.notify.graph.internal.GraphSender;
import dev.notify.microsoft.MicrosoftTrust;
import dev.notify.spi.ProviderSettings;
import dev.notify.spi.EmailSender;
import dev.notify.spi.SenderContext;
import dev.notify.spi.SenderProvider;
import java.security.KeyStore;
import java.util.Optional;

/**
 * Delivers email with Microsoft Graph: {@code email.delivery-method=graph}. The app registration of
 * {@code email.graph.tenant-id} and {@code email.graph.client-id} gets a token with the client-credentials flow
 * (a client secret or a PKCS#12 certificate) and sends as the message's From mailbox with
 * {@code POST /users/{from}/sendMail}. The app needs the Mail.Send application permission with admin consent (and
 * Mail.ReadWrite for messages over 4 MB).
 *
 * <ul>
 *   <li>One token request per token lifetime per sender, shared by all threads; a token Graph refuses (401) is
 *       renewed once within the same send.</li>
 *   <li>Exactly one sendMail request per attempt: the Graph SDK's retry and redirect handlers are not used, so
 *       {@code email.retry.*} alone decides retries. 429, 503 and 504 are transient and carry {@code Retry-After}.</li>
 *   <li>At most {@code email.graph.max-concurrent-requests} (default 4, Microsoft's concurrency limit per app and
 *       mailbox) requests in flight per app registration, shared by every sender this provider instance creates for
 *       that app; further sends wait up to {@code email.graph.read-timeout}. Queued sends
 *       ({@link dev.notify.spi.EmailSender#sendQueued}: asynchronous sends, the outbox, which hands over its claimed
 *       messages together) waiting for the same mailbox meanwhile go together in one {@code $batch} of up to 20, each
 *       with its own outcome; a queued message answered 429 is sent again alone after the {@code email.retry.*}
 *       back-off and its {@code Retry-After}, within {@code email.retry.max-attempts} requests.</li>
 *   <li>A message whose sendMail request would be over 4 MB as sent (the body after JSON escaping, attachments after
 *       base64) is sent as a draft: created in the mailbox, attachments of 3 MB or more uploaded in streamed chunks
 *       through upload sessions, then sent; any failure deletes the draft. This needs the Mail.ReadWrite application
 *       permission too, and the message always ends up in Sent Items. A body over 4 MB, an attachment over 150 MB or
 *       attachments over {@code email.graph.max-message-mb} are refused with an
 *       {@link dev.notify.InvalidMessageException} before any request.</li>
 *   <li>Only {@code X-} headers can be sent; the HTML body wins over the text body when a message has both.</li>
 * </ul>
 *
 * <p>Tokens come from the shared {@link dev.notify.microsoft.AppTokenSource}, as for SMTP XOAUTH2. The login host
 * and Graph are verified against {@code email.graph.trust-store} when it is set, else against the JVM's default
 * trust store; {@link #withTrustStore(KeyStore)} gives a provider that trusts a private certificate authority for
 * settings without a trust store of their own. A certificate that is not trusted is a settings problem naming
 * {@code email.graph.trust-store}, not a failure to retry.
 *
 * <p>This class is threadsafe. Its only state is the in-flight limit per app registration; a notifier gets its
 * own instance from ServiceLoader.
 */
public final class GraphSenderProvider implements SenderProvider {

    /** The provider id, the value of {@code email.delivery-method}. */
    public static final String ID = "graph";

    private static final ProviderSettings SETTINGS = GraphSettingKeys.settings();

    private final MicrosoftTrust trust;
    private final AppRequestLimits limits = new AppRequestLimits();

    /** A provider verifying TLS with the JVM's default trust store; the constructor ServiceLoader uses. */
    public GraphSenderProvider() {
        this(MicrosoftTrust.jvmDefault());
    }

    private GraphSenderProvider(MicrosoftTrust trust) {
        this.trust = trust;
    }

    /**
     * A new provider whose senders trust exactly the certificate authorities in {@code trustStore} for the login
     * host and Graph (host names are still verified); this one is unchanged. The store is read now. Register it
     * with {@code Notifier.builder().provider(new GraphSenderProvider().withTrustStore(store))}.
     *
     * @throws IllegalArgumentException when the store cannot be used as a trust store
     */
    public GraphSenderProvider withTrustStore(KeyStore trustStore) {
        return new GraphSenderProvider(MicrosoftTrust.trusting(trustStore));
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

    /** {@code dev.notify:notify-graph}. */
    @Override
    public Optional<String> artifact() {
        return Optional.of("dev.notify:notify-graph");
    }

    @Override
    public EmailSender create(SenderContext context) {
        return GraphSender.create(context.settings(), MicrosoftTrust.fromSettings(context.settings(), trust), limits,
                context.clock());
    }

    @Override
    public String toString() {
        return "GraphSenderProvider[" + (trust.isJvmDefault() ? "JVM trust store" : "custom trust store") + "]";
    }
}
