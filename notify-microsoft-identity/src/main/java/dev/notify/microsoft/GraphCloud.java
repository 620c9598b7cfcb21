package dev.notify.microsoft;

import java.net.URI;

/** The Microsoft cloud an app registration lives in ({@code email.graph.cloud}). */
public enum GraphCloud {
    GLOBAL("global", "https://login.microsoftonline.com", "https://graph.microsoft.com"),
    USGOV("usgov", "https://login.microsoftonline.us", "https://graph.microsoft.us"),
    USGOV_DOD("usgov-dod", "https://login.microsoftonline.us", "https://dod-graph.microsoft.us"),
    CHINA("china", "https://login.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn");

    private final String id;
    private final URI authority;
    private final URI endpoint;

    GraphCloud(String id, String authority, String endpoint) {
        this.id = id;
        this.authority = URI.create(authority);
        this.endpoint = URI.create(endpoint);
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
}
