package dev.notify.microsoft;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GraphCloudTest {

    @Test
    void loginHostsNameTheirCloudsAndTheUsGovernmentCloudsShareOne() {
        assertThat(GraphCloud.withLoginHost("login.microsoftonline.com")).containsExactly(GraphCloud.GLOBAL);
        assertThat(GraphCloud.withLoginHost("LOGIN.windows.net")).containsExactly(GraphCloud.GLOBAL);
        assertThat(GraphCloud.withLoginHost("login.microsoftonline.us"))
                .containsExactlyInAnyOrder(GraphCloud.USGOV, GraphCloud.USGOV_DOD);
        assertThat(GraphCloud.withLoginHost("login.partner.microsoftonline.cn")).containsExactly(GraphCloud.CHINA);
        assertThat(GraphCloud.withLoginHost("localhost")).isEmpty();
    }

    @Test
    void graphHostsNameTheirCloud() {
        assertThat(GraphCloud.withGraphHost("graph.microsoft.com")).contains(GraphCloud.GLOBAL);
        assertThat(GraphCloud.withGraphHost("dod-graph.microsoft.us")).contains(GraphCloud.USGOV_DOD);
        assertThat(GraphCloud.withGraphHost("microsoftgraph.chinacloudapi.cn")).contains(GraphCloud.CHINA);
        assertThat(GraphCloud.withGraphHost("graph.contoso-proxy.example")).isEmpty();
    }
}
