package dev.notify.graph.internal;

import dev.notify.graph.GraphSettingKeys;
import dev.notify.microsoft.MicrosoftIdentityKeys;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.Secret;
import dev.notify.settings.SettingKey;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code email.graph.*} values a sender works with, resolved: the Graph base URL with {@code /v1.0}, the
 * scope, and each key's full name for error messages.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class GraphSettings {

    private final ResolvedSettings settings;
    private final String tenantId;
    private final String clientId;
    private final URI graphBaseUrl;
    private final String scope;

    private GraphSettings(ResolvedSettings settings) {
        this.settings = settings;
        this.tenantId = settings.get(MicrosoftIdentityKeys.TENANT_ID);
        this.clientId = settings.get(MicrosoftIdentityKeys.CLIENT_ID);
        this.graphBaseUrl = URI.create(withoutTrailingSlash(settings.get(GraphSettingKeys.ENDPOINT)) + "/v1.0");
        this.scope = settings.get(GraphSettingKeys.SCOPE);
    }

    /** Reads valid settings (tenant and client IDs set, with a secret or a certificate). */
    public static GraphSettings from(ResolvedSettings settings) {
        return new GraphSettings(settings);
    }

    public String tenantId() {
        return tenantId;
    }

    public String clientId() {
        return clientId;
    }

    public Optional<Secret> clientSecret() {
        return settings.find(MicrosoftIdentityKeys.CLIENT_SECRET);
    }

    public Optional<Path> clientCertificate() {
        return settings.find(MicrosoftIdentityKeys.CLIENT_CERTIFICATE);
    }

    /** Graph's versioned base URL, {@code https://graph.microsoft.com/v1.0}. */
    public URI graphBaseUrl() {
        return graphBaseUrl;
    }

    public String scope() {
        return scope;
    }

    public boolean saveToSentItems() {
        return settings.get(GraphSettingKeys.SAVE_TO_SENT_ITEMS);
    }

    /** The largest message the tenant accepts, in bytes. */
    public long maxMessageBytes() {
        return settings.get(GraphSettingKeys.MAX_MESSAGE_MB) * 1024L * 1024L;
    }

    /** The size of an upload-session chunk, in bytes: a multiple of 320 KiB. */
    public int uploadChunkBytes() {
        return settings.get(GraphSettingKeys.UPLOAD_CHUNK_KIB) * 1024;
    }

    /** Graph requests in flight at most per app registration. */
    public int maxConcurrentRequests() {
        return settings.get(GraphSettingKeys.MAX_CONCURRENT_REQUESTS);
    }

    public Duration connectTimeout() {
        return settings.get(MicrosoftIdentityKeys.CONNECT_TIMEOUT);
    }

    public Duration readTimeout() {
        return settings.get(MicrosoftIdentityKeys.READ_TIMEOUT);
    }

    /** The settings these values were read from. */
    public ResolvedSettings resolved() {
        return settings;
    }

    /** The key as the administrator must fix it, {@code servers.eu-1.email.graph.client-secret}. */
    public String fullKey(SettingKey<?> key) {
        return settings.fullKey(key);
    }

    private static String withoutTrailingSlash(URI uri) {
        String s = uri.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
