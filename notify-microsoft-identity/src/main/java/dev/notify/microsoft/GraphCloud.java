package dev.notify.microsoft;

import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Microsoft cloud an app registration lives in ({@code email.graph.cloud}): its login host and its Graph host.
 * A token from one cloud's login host is refused by another cloud's Graph.
 *
 * <p>This enum is immutable and threadsafe.
 */
public enum GraphCloud {
    GLOBAL("global", "https://login.microsoftonline.com", "https://graph.microsoft.com",
            "login.microsoft.com", "login.windows.net", "sts.windows.net"),
    USGOV("usgov", "https://login.microsoftonline.us", "https://graph.microsoft.us"),
    USGOV_DOD("usgov-dod", "https://login.microsoftonline.us", "https://dod-graph.microsoft.us"),
    CHINA("china", "https://login.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn",
            "login.partner.microsoftonline.cn");

    private final String id;
    private final URI authority;
    private final URI endpoint;
    private final List<String> loginHosts;

    GraphCloud(String id, String authority, String endpoint, String... otherLoginHosts) {
        this.id = id;
        this.authority = URI.create(authority);
        this.endpoint = URI.create(endpoint);
        this.loginHosts = Stream.concat(Stream.of(this.authority.getHost()), Stream.of(otherLoginHosts)).toList();
    }

    public String id() {
        return id;
    }

    /** The login host's base URL; the tenant ID is appended to it. */
    public URI authority() {
        return authority;
    }

    /** Graph's base URL; {@code /v1.0} is appended to it. */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * The clouds whose login host is {@code host} (usgov and usgov-dod share one); empty for a host no Microsoft
     * cloud uses, such as a proxy or a test stub.
     */
    public static Set<GraphCloud> withLoginHost(String host) {
        Set<GraphCloud> clouds = EnumSet.noneOf(GraphCloud.class);
        String h = normalize(host);
        for (GraphCloud cloud : values()) {
            if (cloud.loginHosts.contains(h)) {
                clouds.add(cloud);
            }
        }
        return clouds;
    }

    /** The cloud whose Graph host is {@code host}; empty for a host no Microsoft cloud uses. */
    public static Optional<GraphCloud> withGraphHost(String host) {
        String h = normalize(host);
        for (GraphCloud cloud : values()) {
            if (cloud.endpoint.getHost().equals(h)) {
                return Optional.of(cloud);
            }
        }
        return Optional.empty();
    }

    private static String normalize(String host) {
        return host == null ? "" : host.toLowerCase(Locale.ROOT);
    }
}
