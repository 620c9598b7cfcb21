package dev.notify.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.CheckReport;
import dev.notify.Problem;
import dev.notify.settings.Layer;
import dev.notify.smtp.DkimAlgorithm;
import dev.notify.smtp.DkimSettingKeys;
import dev.notify.smtp.dkim.TestKeys;
import dev.notify.smtp.internal.dkim.SigningAlgorithm;
import dev.notify.smtp.internal.dkim.TxtResolver;
import dev.notify.testkit.smtp.SmtpServerExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What the check reports about DKIM: the identity, key sizes, and whether DNS publishes the keys. */
class DkimCheckTest {

    @RegisterExtension
    final SmtpServerExtension smtp = SmtpServerExtension.plain();

    @TempDir
    Path keys;

    @Test
    void reportsDomainSelectorsAlgorithmsKeySizesAndMatchingRecords() {
        TxtResolver dns = records(Map.of(
                "rsa2048._domainkey.notify.example", TestKeys.record(SigningAlgorithm.RSA_SHA256, TestKeys.RSA_2048),
                "ed1._domainkey.notify.example", TestKeys.record(SigningAlgorithm.ED25519_SHA256, TestKeys.ED25519)));

        CheckReport report = check(DkimAlgorithm.BOTH, dns);

        assertThat(report.ok()).as(report.toString()).isTrue();
        assertThat(report.item("dkim.domain")).contains("notify.example");
        assertThat(report.item("dkim.rsa-sha256")).contains("selector rsa2048, an RSA key of 2048 bits");
        assertThat(report.item("dkim.ed25519-sha256")).contains("selector ed1, an Ed25519 key");
        assertThat(report.item("dkim.rsa-sha256.dns")).contains("rsa2048._domainkey.notify.example holds the matching public key");
        assertThat(report.item("dkim.ed25519-sha256.dns")).contains("ed1._domainkey.notify.example holds the matching public key");
        assertThat(report.toString()).doesNotContain(TestKeys.pem(TestKeys.RSA_2048.getPrivate()).split("\n")[2]);
    }

    @Test
    void aRecordWithAnotherKeyFailsTheCheckNamingTheSelector() {
        TxtResolver dns = records(Map.of(
                "rsa2048._domainkey.notify.example", TestKeys.record(SigningAlgorithm.RSA_SHA256, TestKeys.RSA_2048_OTHER)));

        CheckReport report = check(DkimAlgorithm.RSA_SHA256, dns);

        assertThat(report.ok()).isFalse();
        assertThat(report.settingsProblems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("email.smtp.dkim.rsa.selector");
            assertThat(p.message()).contains("different public key");
        });
        assertThat(report.item("auth")).isPresent();
    }

    @Test
    void aMissingRecordFailsTheCheckAndSaysWhatToPublish() {
        CheckReport report = check(DkimAlgorithm.ED25519_SHA256, records(Map.of()));

        assertThat(report.ok()).isFalse();
        assertThat(report.settingsProblems()).extracting(Problem::key).containsExactly("email.smtp.dkim.ed25519.selector");
        assertThat(report.item("dkim.ed25519-sha256.dns")).hasValueSatisfying(d -> assertThat(d)
                .contains("no DKIM key record at ed1._domainkey.notify.example")
                .contains(TestKeys.record(SigningAlgorithm.ED25519_SHA256, TestKeys.ED25519)));
    }

    @Test
    void unreachableDnsIsReportedAndTheCheckStillPasses() {
        TxtResolver down = name -> {
            throw new IOException("DNS lookup of " + name + " failed: CommunicationException");
        };

        CheckReport report = check(DkimAlgorithm.RSA_SHA256, down);

        assertThat(report.ok()).as(report.toString()).isTrue();
        assertThat(report.item("dkim.rsa-sha256.dns")).hasValueSatisfying(d -> assertThat(d).startsWith("not checked")
                .contains("CommunicationException"));
    }

    @Test
    void withoutADomainTheCheckSaysDkimIsOffAndAsksNoDns() {
        TxtResolver never = name -> {
            throw new AssertionError("no lookup expected, asked for " + name);
        };
        try (SmtpSender sender = SmtpSender.create(TestSettings.context(TestSettings.resolve(smtp.layer())),
                SenderOptions.defaults().withDkimRecords(never))) {
            CheckReport report = sender.check();

            assertThat(report.ok()).isTrue();
            assertThat(report.item("dkim")).hasValueSatisfying(d -> assertThat(d).startsWith("off"));
        }
    }

    @Test
    void aFailedConnectionStaysTheFailureOfTheCheck() {
        Layer unreachable = Layer.builder(dkim(DkimAlgorithm.RSA_SHA256)).set("email.smtp.port", "1").build();
        try (SmtpSender sender = SmtpSender.create(TestSettings.context(TestSettings.resolve(unreachable)),
                SenderOptions.defaults().withDkimRecords(records(Map.of())))) {
            CheckReport report = sender.check();

            assertThat(report.ok()).isFalse();
            assertThat(report.failure()).hasValueSatisfying(f -> assertThat(f).doesNotContain("DKIM key record"));
            assertThat(report.item("dkim.rsa-sha256.dns")).hasValueSatisfying(d -> assertThat(d).contains("no DKIM key record"));
        }
    }

    private CheckReport check(DkimAlgorithm algorithm, TxtResolver dns) {
        try (SmtpSender sender = SmtpSender.create(TestSettings.context(TestSettings.resolve(dkim(algorithm))),
                SenderOptions.defaults().withDkimRecords(dns))) {
            return sender.check();
        }
    }

    private Layer dkim(DkimAlgorithm algorithm) {
        return Layer.builder(smtp.layer())
                .set("email.sender", "portal@notify.example")
                .set(DkimSettingKeys.DOMAIN, "notify.example")
                .set(DkimSettingKeys.ALGORITHM, algorithm)
                .set(DkimSettingKeys.RSA_SELECTOR, "rsa2048")
                .set(DkimSettingKeys.RSA_PRIVATE_KEY_FILE, TestKeys.write(keys, "rsa.pem", TestKeys.RSA_2048.getPrivate()))
                .set(DkimSettingKeys.ED25519_SELECTOR, "ed1")
                .set(DkimSettingKeys.ED25519_PRIVATE_KEY_FILE,
                        TestKeys.write(keys, "ed.pem", TestKeys.ED25519.getPrivate()))
                .build();
    }

    private static TxtResolver records(Map<String, String> records) {
        return name -> records.containsKey(name) ? List.of(records.get(name)) : List.of();
    }
}
