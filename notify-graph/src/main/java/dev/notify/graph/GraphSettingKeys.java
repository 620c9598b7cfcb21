package dev.notify.graph;

import dev.notify.microsoft.GraphCloud;
import dev.notify.microsoft.MicrosoftIdentityKeys;
import dev.notify.settings.SettingKey;
import dev.notify.spi.ProviderSettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys of the {@code graph} provider: the app registration's {@link MicrosoftIdentityKeys}, and the Graph
 * endpoint, scope and Sent Items choice under {@code email.graph.}.
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

    private static final List<SettingKey<?>> OWN = List.of(ENDPOINT, SCOPE, SAVE_TO_SENT_ITEMS);

    private GraphSettingKeys() {
    }

    /** The Graph keys, in reference order, without the app registration's. */
    public static List<SettingKey<?>> all() {
        return OWN;
    }

    static ProviderSettings settings() {
        List<SettingKey<?>> keys = new ArrayList<>(MicrosoftIdentityKeys.all());
        keys.addAll(OWN);
        return ProviderSettings.of(keys,
                check -> MicrosoftIdentityKeys.validate(check, "required when email.delivery-method=graph"));
    }
}
