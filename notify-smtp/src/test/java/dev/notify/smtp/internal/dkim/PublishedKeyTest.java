package dev.notify.smtp.internal.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.smtp.dkim.TestKeys;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whether DNS publishes the signing key, with a stub resolver. */
class PublishedKeyTest {

    private final SigningKey rsa = TestKeys.rsaKey("notify.example", "rsa2048");
    private final SigningKey ed25519 = TestKeys.ed25519Key("notify.example", "ed1");

    @Test
    void theMatchingRsaAndEd25519KeysAreFound() {
        assertThat(check(rsa, TestKeys.record(SigningAlgorithm.RSA_SHA256, TestKeys.RSA_2048)).status())
                .isEqualTo(PublishedKey.Status.MATCHES);
        assertThat(check(ed25519, TestKeys.record(SigningAlgorithm.ED25519_SHA256, TestKeys.ED25519)).status())
                .isEqualTo(PublishedKey.Status.MATCHES);
    }

    @Test
    void anotherKeyDiffers() {
        PublishedKey.Outcome outcome = check(rsa, TestKeys.record(SigningAlgorithm.RSA_SHA256, TestKeys.RSA_2048_OTHER));

        assertThat(outcome.status()).isEqualTo(PublishedKey.Status.DIFFERS);
        assertThat(outcome.description()).contains("rsa2048._domainkey.notify.example").contains("different public key");
    }

    @Test
    void aMissingRecordSaysWhatToPublish() {
        PublishedKey.Outcome outcome = PublishedKey.check(ed25519, name -> List.of("v=spf1 -all"));

        assertThat(outcome.status()).isEqualTo(PublishedKey.Status.MISSING);
        assertThat(outcome.description()).contains("no DKIM key record at ed1._domainkey.notify.example")
                .contains(TestKeys.record(SigningAlgorithm.ED25519_SHA256, TestKeys.ED25519));
    }

    @Test
    void aRevokedKeyOrAnotherKeyTypeDiffers() {
        assertThat(check(rsa, "v=DKIM1; k=rsa; p=").description()).contains("revoked");
        assertThat(check(rsa, TestKeys.record(SigningAlgorithm.ED25519_SHA256, TestKeys.ED25519)).description())
                .contains("k=ed25519").contains("needs k=rsa");
        assertThat(check(ed25519, "v=DKIM1; k=ed25519; p=AAAA").description()).contains("not a valid ed25519");
    }

    @Test
    void twoKeyRecordsAtOneSelectorDiffer() {
        String record = TestKeys.record(SigningAlgorithm.RSA_SHA256, TestKeys.RSA_2048);

        PublishedKey.Outcome outcome = PublishedKey.check(rsa, name -> List.of(record, record));

        assertThat(outcome.status()).isEqualTo(PublishedKey.Status.DIFFERS);
        assertThat(outcome.description()).contains("2 DKIM key records");
    }

    @Test
    void unreachableDnsIsAnOutcomeNotAnException() {
        PublishedKey.Outcome outcome = PublishedKey.check(rsa, name -> {
            throw new IOException("DNS lookup of " + name + " failed: timed out");
        });

        assertThat(outcome.status()).isEqualTo(PublishedKey.Status.UNCHECKED);
        assertThat(outcome.description()).startsWith("not checked").contains("timed out");
    }

    @Test
    void theRecordIsLookedUpAtSelectorDotDomainkeyDotDomain() {
        StringBuilder asked = new StringBuilder();
        PublishedKey.check(rsa, name -> {
            asked.append(name);
            return List.of();
        });

        assertThat(asked).hasToString("rsa2048._domainkey.notify.example");
    }

    private static PublishedKey.Outcome check(SigningKey key, String record) {
        return PublishedKey.check(key, name -> List.of(record));
    }
}
