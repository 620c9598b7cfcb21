package dev.notify.graph;

import dev.notify.microsoft.GraphCloud;
import dev.notify.microsoft.MicrosoftIdentityKeys;
import dev.notify.settings.Origin;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.SettingKey;
import dev.notify.spi.ProviderSettings;
import dev.notify.spi.SettingsCheck;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The keys of the {@code graph} provider: the app registration's {@link MicrosoftIdentityKeys}, and the Graph
 * endpoint, scope, Sent Items choice and size limits under {@code email.graph.}. Validation also refuses an authority, endpoint
 * or scope of two different Microsoft clouds, whose tokens Graph would refuse at the first send.
 *
 * <p>This class is threadsafe.
 */
public final class GraphSettingKeys {

    public static final SettingKey<URI> ENDPOINT = SettingKey.url("email.graph.endpoint")
            .defaultValue(r -> r.find(MicrosoftIdentityKeys.CLOUD).orElse(GraphCloud.GLOBAL).endpoint(),
                    "from email.graph.cloud")
            .description("Graph's base URL; /v1.0 is appended to it.")
            .build();
    public static final SettingKey<String> SCOPE = SettingKey.text("email.graph.scope")
            .defaultValue(r -> r.find(MicrosoftIdentityKeys.CLOUD).orElse(GraphCloud.GLOBAL).endpoint() + "/.default",
                    "https://graph.microsoft.com/.default (the cloud's Graph host)")
            .description("The OAuth 2.0 scope requested for Graph.")
            .build();
    public static final SettingKey<Boolean> SAVE_TO_SENT_ITEMS = SettingKey.bool("email.graph.save-to-sent-items")
            .defaultValue(false)
            .description("Whether Graph keeps a copy in the sender's Sent Items.")
            .build();

    /** 320 KiB: upload-session chunks must be a multiple of it. */
    public static final int UPLOAD_CHUNK_UNIT = 320 * 1024;
    public static final SettingKey<Integer> MAX_MESSAGE_MB = SettingKey.integer("email.graph.max-message-mb", 1, 150)
            .defaultValue(35)
            .description("The largest message the tenant accepts, in MB (Exchange Online's MaxSendSize: 35 by "
                    + "default, up to 150). Larger messages are refused before any request.")
            .build();
    public static final SettingKey<Integer> UPLOAD_CHUNK_KIB = SettingKey.integer("email.graph.upload-chunk-kib", 320,
                    3840)
            .check(kib -> kib % 320 == 0 ? null : "must be a multiple of 320 KiB (Graph's upload-session unit), was "
                    + kib)
            .defaultValue(3840)
            .description("The size of each chunk of a large attachment's upload session, in KiB: a multiple of 320, "
                    + "at most 3840 (under Graph's 4 MB per request).")
            .build();

    public static final SettingKey<Integer> MAX_CONCURRENT_REQUESTS = SettingKey.integer(
                    "email.graph.max-concurrent-requests", 1, 4)
            .defaultValue(4)
            .description("Graph requests in flight at most per app registration (Microsoft allows 4 per app and "
                    + "mailbox); queued sends waiting meanwhile go in one $batch.")
            .build();

    private static final List<SettingKey<?>> OWN = List.of(ENDPOINT, SCOPE, SAVE_TO_SENT_ITEMS, MAX_MESSAGE_MB,
            UPLOAD_CHUNK_KIB, MAX_CONCURRENT_REQUESTS);

    private GraphSettingKeys() {
    }

    /** The Graph keys, in reference order, without the app registration's. */
    public static List<SettingKey<?>> all() {
        return OWN;
    }

    static ProviderSettings settings() {
        List<SettingKey<?>> keys = new ArrayList<>(MicrosoftIdentityKeys.all());
        keys.addAll(OWN);
        return ProviderSettings.of(keys, check -> {
            MicrosoftIdentityKeys.validate(check, "required when email.delivery-method=graph");
            sameCloud(check);
        });
    }

    /**
     * Refuses a login host and a Graph host of two different Microsoft clouds (and a scope of a third), which Graph
     * would find only when it refuses the token. Hosts no Microsoft cloud uses (a proxy, a test stub) are not
     * judged.
     */
    private static void sameCloud(SettingsCheck check) {
        ResolvedSettings settings = check.settings();
        Optional<URI> endpoint = settings.find(ENDPOINT);
        Optional<GraphCloud> graphCloud = endpoint.flatMap(e -> GraphCloud.withGraphHost(e.getHost()));
        if (graphCloud.isEmpty()) {
            return;
        }
        String graph = settings.fullKey(ENDPOINT) + "=" + endpoint.get() + " (Graph of the " + graphCloud.get().id()
                + " cloud)";
        Optional<URI> authority = settings.find(MicrosoftIdentityKeys.AUTHORITY);
        Set<GraphCloud> loginClouds = authority.map(a -> GraphCloud.withLoginHost(a.getHost())).orElse(Set.of());
        if (!loginClouds.isEmpty() && !loginClouds.contains(graphCloud.get())) {
            SettingKey<?> key = settings.origin(ENDPOINT).kind() == Origin.Kind.DEFAULT
                    ? MicrosoftIdentityKeys.AUTHORITY : ENDPOINT;
            check.problem(key, settings.fullKey(MicrosoftIdentityKeys.AUTHORITY) + "=" + authority.get()
                    + " is the login host of the " + ids(loginClouds) + ", but " + graph + " accepts only "
                    + "tokens of its own cloud. Set " + settings.fullKey(MicrosoftIdentityKeys.CLOUD)
                    + " to the tenant's cloud and leave both unset, or set hosts of one cloud");
        }
        Optional<GraphCloud> scopeCloud = settings.find(SCOPE).flatMap(GraphSettingKeys::host)
                .flatMap(GraphCloud::withGraphHost);
        if (scopeCloud.isPresent() && scopeCloud.get() != graphCloud.get()) {
            check.problem(SCOPE, "asks for tokens for Graph of the " + scopeCloud.get().id() + " cloud, but " + graph
                    + " accepts only tokens for itself. Set " + settings.fullKey(MicrosoftIdentityKeys.CLOUD)
                    + " to the tenant's cloud and leave the scope unset, or request " + graphCloud.get().endpoint()
                    + "/.default");
        }
    }

    private static String ids(Set<GraphCloud> clouds) {
        String ids = clouds.stream().map(GraphCloud::id).collect(Collectors.joining(" and "));
        return ids + (clouds.size() > 1 ? " clouds" : " cloud");
    }

    private static Optional<String> host(String scope) {
        try {
            return Optional.ofNullable(new URI(scope).getHost());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
