package dev.notify.graph.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.microsoft.GraphCloud;
import dev.notify.microsoft.MicrosoftIdentityKeys;
import dev.notify.settings.Layer;
import dev.notify.settings.Secret;
import dev.notify.settings.SettingKeys;
import dev.notify.settings.Settings;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GraphSettingsCloudTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "global,    https://login.microsoftonline.com, https://graph.microsoft.com/v1.0,        https://graph.microsoft.com/.default",
            "usgov,     https://login.microsoftonline.us,  https://graph.microsoft.us/v1.0,         https://graph.microsoft.us/.default",
            "usgov-dod, https://login.microsoftonline.us,  https://dod-graph.microsoft.us/v1.0,     https://dod-graph.microsoft.us/.default",
            "china,     https://login.chinacloudapi.cn,    https://microsoftgraph.chinacloudapi.cn/v1.0, https://microsoftgraph.chinacloudapi.cn/.default"})
    void cloudSetsAuthorityEndpointAndScope(String cloud, String authority, String endpoint, String scope) {
        GraphSettings settings = GraphSettings.from(Settings.builder()
                .global(graph().set("email.graph.cloud", cloud).build()).build().resolveGlobal());

        assertThat(settings.resolved().get(MicrosoftIdentityKeys.AUTHORITY)).isEqualTo(URI.create(authority));
        assertThat(settings.graphBaseUrl()).isEqualTo(URI.create(endpoint));
        assertThat(settings.scope()).isEqualTo(scope);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"https://login.example.test/, https://graph.example.test", "https://login.example.test, https://graph.example.test/"})
    void explicitAuthorityAndEndpointOverrideTheCloud(String authority, String endpoint) {
        GraphSettings settings = GraphSettings.from(Settings.builder().global(graph()
                .set(MicrosoftIdentityKeys.CLOUD, GraphCloud.CHINA)
                .set("email.graph.authority", authority)
                .set("email.graph.endpoint", endpoint).build()).build().resolveGlobal());

        assertThat(settings.resolved().get(MicrosoftIdentityKeys.AUTHORITY)).isEqualTo(URI.create("https://login.example.test"));
        assertThat(settings.graphBaseUrl()).isEqualTo(URI.create("https://graph.example.test/v1.0"));
        assertThat(settings.scope()).isEqualTo("https://microsoftgraph.chinacloudapi.cn/.default");
    }

    private static Layer.Builder graph() {
        return Layer.builder()
                .set(SettingKeys.EMAIL_ENABLED, true)
                .set(SettingKeys.EMAIL_DELIVERY_METHOD, "graph")
                .set("email.sender", "noreply@contoso.example")
                .set(MicrosoftIdentityKeys.TENANT_ID, "contoso.onmicrosoft.com")
                .set(MicrosoftIdentityKeys.CLIENT_ID, "66666666-7777-8888-9999-000000000000")
                .set(MicrosoftIdentityKeys.CLIENT_SECRET, Secret.of("s"));
    }
}
