package dev.notify.smtp.internal.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.smtp.dkim.TestKeys;
import java.security.interfaces.RSAKey;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Reading PKCS#8 PEM keys, and what a key that cannot be used is told, never quoting it. */
class PrivateKeysTest {

    @Test
    void readsAnRsaAndAnEd25519Pkcs8Key() throws PrivateKeys.KeyException {
        assertThat(PrivateKeys.read(TestKeys.pem(TestKeys.RSA_2048.getPrivate()), SigningAlgorithm.RSA_SHA256))
                .isEqualTo(TestKeys.RSA_2048.getPrivate());
        assertThat(PrivateKeys.read(TestKeys.pem(TestKeys.ED25519.getPrivate()), SigningAlgorithm.ED25519_SHA256))
                .isEqualTo(TestKeys.ED25519.getPrivate());
    }

    @Test
    void readsAKeyWithWindowsLineEndsAndTextAroundIt() throws PrivateKeys.KeyException {
        String pem = "Key for notify.example\r\n" + TestKeys.pem(TestKeys.RSA_2048.getPrivate()).replace("\n", "\r\n");

        assertThat(((RSAKey) PrivateKeys.read(pem, SigningAlgorithm.RSA_SHA256)).getModulus().bitLength()).isEqualTo(2048);
    }

    @Test
    void aPkcs1KeyIsRefusedWithTheCommandThatConvertsIt() {
        String pem = TestKeys.pem("RSA PRIVATE KEY", new byte[] {1, 2, 3});

        assertRefused(pem, SigningAlgorithm.RSA_SHA256, "PKCS#1", "openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void anEncryptedKeyIsRefused() {
        assertRefused(TestKeys.pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3}), SigningAlgorithm.RSA_SHA256,
                "encrypted");
    }

    @Test
    void aCertificateIsNotAKey() {
        assertRefused(TestKeys.pem("CERTIFICATE", new byte[] {1, 2, 3}), SigningAlgorithm.RSA_SHA256, "CERTIFICATE");
    }

    @Test
    void twoKeysInOneTextAreRefused() {
        String two = TestKeys.pem(TestKeys.RSA_2048.getPrivate()) + TestKeys.pem(TestKeys.RSA_2048_OTHER.getPrivate());

        assertRefused(two, SigningAlgorithm.RSA_SHA256, "more than one");
    }

    @Test
    void aKeyOfTheOtherAlgorithmIsRefused() {
        assertRefused(TestKeys.pem(TestKeys.RSA_2048.getPrivate()), SigningAlgorithm.ED25519_SHA256,
                "an RSA key of 2048 bits", "ed25519-sha256");
        assertRefused(TestKeys.pem(TestKeys.ED25519.getPrivate()), SigningAlgorithm.RSA_SHA256,
                "an Ed25519 key", "rsa-sha256");
    }

    @Test
    void anRsaKeyBelow1024BitsIsRefusedAnd1024IsAccepted() throws PrivateKeys.KeyException {
        assertRefused(TestKeys.pem(TestKeys.generate("RSA", 1016).getPrivate()), SigningAlgorithm.RSA_SHA256,
                "1016 bits", "at least 1024");
        assertThat(PrivateKeys.read(TestKeys.pem(TestKeys.RSA_1024.getPrivate()), SigningAlgorithm.RSA_SHA256))
                .isNotNull();
    }

    @Test
    void corruptKeyBytesAreRefusedWithoutQuotingThem() {
        byte[] der = TestKeys.RSA_2048.getPrivate().getEncoded();
        byte[] corrupt = Arrays.copyOf(der, der.length / 2);

        assertRefused(TestKeys.pem("PRIVATE KEY", corrupt), SigningAlgorithm.RSA_SHA256, "not a PKCS#8");
    }

    private static void assertRefused(String pem, SigningAlgorithm algorithm, String... says) {
        String[] material = pem.lines().filter(l -> !l.startsWith("-----") && l.length() > 8).toArray(String[]::new);
        assertThatThrownBy(() -> PrivateKeys.read(pem, algorithm)).isInstanceOf(PrivateKeys.KeyException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).contains(says);
                    for (String line : material) {
                        assertThat(e.getMessage()).doesNotContain(line.substring(0, 8));
                    }
                    assertThat(e.getCause()).isNull();
                });
    }
}
