package dev.notify.microsoft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.SettingsException;
import dev.notify.settings.Layer;
import dev.notify.settings.PropertiesFormat;
import dev.notify.settings.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tenant and client IDs are checked when the settings are read, each problem naming its key. */
class MicrosoftIdentityKeysTest {

    private static final PropertiesFormat FORMAT = PropertiesFormat.standard().withSchema(IdentitySettings.SCHEMA);

    @ParameterizedTest
    @ValueSource(strings = {"72f988bf-86f1-41af-91ab-2d7cd011db47", "72F988BF-86F1-41AF-91AB-2D7CD011DB47",
            "contoso.onmicrosoft.com", "mail.contoso.co.uk", "xn--bcher-kva.example", "bücher.example"})
    void tenantIdIsADirectoryIdOrAVerifiedDomain(String tenant) {
        Settings settings = FORMAT.parse(Map.of("email.graph.tenant-id", tenant));

        assertThat(settings.resolveGlobal().get(MicrosoftIdentityKeys.TENANT_ID)).isEqualTo(tenant);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x#frag", "not a tenant/../x?y", "a/b", "tenant-1", "contoso", "1.2.3.4", "contoso.",
            ".com", "a..example", "-contoso.example", "contoso.example:443", "%2e%2e", "{72f988bf-86f1-41af-91ab-2d7cd011db47}"})
    void tenantIdThatIsNeitherIsRefusedWhenReadNamingTheServersKey(String tenant) {
        assertThatThrownBy(() -> FORMAT.parse(Map.of("servers.eu-1.email.graph.tenant-id", tenant)))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p.key()).isEqualTo("servers.eu-1.email.graph.tenant-id");
                            assertThat(p.message()).contains("Directory (tenant) ID", "verified domain",
                                    "was '" + tenant + "'");
                        }));
    }

    @ParameterizedTest
    @ValueSource(strings = {"common", "organizations", "consumers", "Common"})
    void multiTenantAliasesAreRefusedBecauseClientCredentialsNeedTheAppsOwnTenant(String alias) {
        assertThatThrownBy(() -> FORMAT.parse(Map.of("email.graph.tenant-id", alias)))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p.key()).isEqualTo("email.graph.tenant-id");
                            assertThat(p.message()).contains("'" + alias + "' stands for any tenant",
                                    "client-credentials flow cannot use it", "Directory (tenant) ID");
                        }));
    }

    @ParameterizedTest
    @ValueSource(strings = {"client-1", "66666666-7777-8888-9999-00000000000", "66666666777788889999000000000000",
            "66666666-7777-8888-9999-000000000000/x"})
    void clientIdThatIsNotAGuidIsRefusedWhenRead(String clientId) {
        assertThatThrownBy(() -> FORMAT.parse(Map.of("email.graph.client-id", clientId)))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p.key()).isEqualTo("email.graph.client-id");
                            assertThat(p.message()).contains("Application (client) ID", "GUID", "was '" + clientId + "'");
                        }));
    }

    @Test
    void valueSetInCodeIsCheckedToo() {
        assertThatThrownBy(() -> Layer.builder().set(MicrosoftIdentityKeys.TENANT_ID, "a/b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("email.graph.tenant-id").hasMessageContaining("Directory (tenant) ID");
        assertThat(Layer.builder().set(MicrosoftIdentityKeys.CLIENT_ID, "66666666-7777-8888-9999-000000000000").build())
                .isNotNull();
    }
}
