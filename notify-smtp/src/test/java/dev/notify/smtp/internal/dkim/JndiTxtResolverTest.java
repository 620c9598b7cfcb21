package dev.notify.smtp.internal.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.smtp.dkim.LoopbackDnsServer;
import dev.notify.smtp.dkim.TestKeys;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TXT lookups through the JDK's JNDI DNS client, against a DNS server on loopback. */
class JndiTxtResolverTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    @Test
    void aRecordSplitIntoSeveralStringsComesBackJoined() throws IOException {
        String record = TestKeys.record(SigningAlgorithm.RSA_SHA256, TestKeys.RSA_2048);
        assertThat(record.length()).isGreaterThan(255);
        try (LoopbackDnsServer dns = LoopbackDnsServer.answering(Map.of("rsa2048._domainkey.notify.example",
                List.of(List.of(record.substring(0, 255), record.substring(255)), List.of("other=record"))))) {

            List<String> txt = JndiTxtResolver.server(dns.address(), TIMEOUT).txt("rsa2048._domainkey.notify.example");

            assertThat(txt).containsExactlyInAnyOrder(record, "other=record");
        }
    }

    @Test
    void aNameThatDoesNotExistHasNoRecords() throws IOException {
        try (LoopbackDnsServer dns = LoopbackDnsServer.answering(Map.of())) {
            assertThat(JndiTxtResolver.server(dns.address(), TIMEOUT).txt("nope._domainkey.notify.example")).isEmpty();
        }
    }

    @Test
    void aNameServerThatNeverAnswersIsAnIoException() {
        try (LoopbackDnsServer dns = LoopbackDnsServer.silent()) {
            JndiTxtResolver resolver = JndiTxtResolver.server(dns.address(), Duration.ofMillis(100));

            assertThatThrownBy(() -> resolver.txt("rsa2048._domainkey.notify.example")).isInstanceOf(IOException.class)
                    .hasMessageContaining("rsa2048._domainkey.notify.example");
        }
    }

    @Test
    void thePublishedKeyCheckFindsTheKeyThroughJndi() {
        String record = TestKeys.record(SigningAlgorithm.ED25519_SHA256, TestKeys.ED25519);
        try (LoopbackDnsServer dns = LoopbackDnsServer.answering(Map.of("ed1._domainkey.notify.example",
                List.of(List.of("v=DKIM1; k=ed25519;", " " + record.substring(record.indexOf("p="))))))) {

            PublishedKey.Outcome outcome = PublishedKey.check(TestKeys.ed25519Key("notify.example", "ed1"),
                    JndiTxtResolver.server(dns.address(), TIMEOUT));

            assertThat(outcome.status()).as(outcome.description()).isEqualTo(PublishedKey.Status.MATCHES);
        }
    }

    @Test
    void quotedStringsWithSpacesQuotesAndBackslashesAreUnescaped() {
        assertThat(JndiTxtResolver.joined("\"v=DKIM1; k=rsa; \" p=MIIB \"\\\"q\\\\\"")).isEqualTo("v=DKIM1; k=rsa; p=MIIB\"q\\");
        assertThat(JndiTxtResolver.joined("plain")).isEqualTo("plain");
        assertThat(JndiTxtResolver.joined("\"\" x")).isEqualTo("x");
    }
}
