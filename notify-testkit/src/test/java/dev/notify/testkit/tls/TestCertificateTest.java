package dev.notify.testkit.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCertificateTest {

    @TempDir
    Path dir;

    @Test
    void localhostCertificateNamesLocalhostAndLoopbackAddresses() throws Exception {
        TestCertificate certificate = TestCertificate.forLocalhost();

        List<String> names = certificate.certificate().getSubjectAlternativeNames().stream()
                .map(name -> String.valueOf(name.get(1))).toList();
        assertThat(names).contains("localhost", "127.0.0.1");
        assertThat(certificate.certificate().getSubjectX500Principal().getName()).contains("CN=localhost");
    }

    @Test
    void trustStoreWrittenHoldsTheCertificateUnderItsPassword() throws Exception {
        TestCertificate certificate = TestCertificate.forHosts("mail.example.org");

        Path file = certificate.writeTrustStore(dir.resolve("trust.p12"), "s3cret");

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, "s3cret".toCharArray());
        }
        assertThat(List.of(store.getCertificate(store.aliases().nextElement()))).containsExactly(certificate.certificate());
    }
}
