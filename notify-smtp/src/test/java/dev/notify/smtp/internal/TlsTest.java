package dev.notify.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.SettingsException;
import dev.notify.settings.Layer;
import dev.notify.smtp.SmtpSettingKeys;
import dev.notify.spi.TrustStores;
import dev.notify.testkit.smtp.SmtpServerExtension;
import dev.notify.testkit.tls.TestCertificate;
import jakarta.mail.Session;
import java.net.InetAddress;
import java.nio.file.Path;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.server.SMTPServer;

/** Certificates and host names are verified; sockets use TCP_NODELAY in every TLS mode. */
class TlsTest {

    @TempDir
    Path dir;

    @Test
    void untrustedCertificateIsASettingsErrorNamingTheTrustStore() {
        try (SmtpServerExtension smtp = SmtpServerExtension.startTls().start();
                SmtpSender sender = TestSettings.sender(Layer.builder(smtp.layer())
                        .unset(SmtpSettingKeys.TRUST_STORE).unset(SmtpSettingKeys.TRUST_STORE_PASSWORD).build())) {
            assertThatThrownBy(() -> sender.send(TestSettings.message()))
                    .isInstanceOfSatisfying(SettingsException.class, e -> {
                        assertThat(e.problems().get(0).key()).isEqualTo("email.smtp.trust-store");
                        assertThat(e.problems().get(0).message()).contains("is not trusted");
                    });
            assertThat(smtp.messages()).isEmpty();
        }
    }

    @Test
    void certificateForAnotherHostIsASettingsErrorNamingTheHost() {
        TestCertificate other = TestCertificate.forHosts("mail.other.example");
        SMTPServer server = SMTPServer.port(0).bindAddress(InetAddress.getLoopbackAddress()).enableTLS()
                .requireTLS().startTlsSocketFactory(other.serverContext()).messageHandler((c, f, t, d) -> { }).build();
        server.start();
        try {
            Layer layer = TestSettings.scripted(server.getPortAllocated())
                    .set("email.smtp.tls", "starttls")
                    .set(SmtpSettingKeys.TRUST_STORE, other.writeTrustStore(dir.resolve("t.p12"), "pw"))
                    .set("email.smtp.trust-store-password", "pw")
                    .build();
            try (SmtpSender sender = TestSettings.sender(layer)) {
                assertThatThrownBy(() -> sender.send(TestSettings.message()))
                        .isInstanceOfSatisfying(SettingsException.class, e -> {
                            assertThat(e.problems().get(0).key()).isEqualTo("email.smtp.host");
                            assertThat(e.problems().get(0).message()).contains("not issued for '127.0.0.1'");
                        });
            }
        } finally {
            server.stop();
        }
    }

    @Test
    void wrongTrustStorePasswordIsASettingsErrorWithoutThePassword() {
        try (SmtpServerExtension smtp = SmtpServerExtension.startTls().start()) {
            Layer layer = Layer.builder(smtp.layer()).set("email.smtp.trust-store-password", "Wr0ng-st0re").build();
            assertThatThrownBy(() -> TestSettings.sender(layer))
                    .isInstanceOfSatisfying(SettingsException.class, e -> {
                        assertThat(e.problems().get(0).key()).isEqualTo("email.smtp.trust-store");
                        assertThat(e.getMessage()).doesNotContain("Wr0ng-st0re");
                    });
        }
    }

    @Test
    void startTlsAndImplicitTlsSocketsUseTcpNoDelay() throws Exception {
        for (SmtpServerExtension server : List.of(SmtpServerExtension.startTls(), SmtpServerExtension.implicitTls())) {
            try (SmtpServerExtension smtp = server.start()) {
                SmtpConfig config = SmtpConfig.from(TestSettings.resolve(smtp.layer()));
                List<Socket> sockets = new CopyOnWriteArrayList<>();
                WriteDeadlines writeDeadlines = new WriteDeadlines(config.writeTimeout());
                Session session = MailSessions.create(config, TrustStores.Trust.fromSettings(config.settings(),
                        SmtpSettingKeys.TRUST_STORE, SmtpSettingKeys.TRUST_STORE_PASSWORD, TrustStores.Trust.jvmDefault())
                        .sslContext(), Optional.empty(),
                        sockets::add, Optional.of(writeDeadlines));
                NotifyTransport transport = new NotifyTransport(session);

                transport.connect(config.host(), config.port(), null, null);

                assertThat(sockets).as(smtp.toString()).isNotEmpty().allSatisfy(s ->
                        assertThat(s.getTcpNoDelay()).isTrue());
                assertThat(sockets.get(sockets.size() - 1)).isInstanceOfSatisfying(SSLSocket.class, s ->
                        assertThat(s.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2"));
                transport.close();
                writeDeadlines.shutdownNow();
            }
        }
    }
}
