package dev.notify.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.notify.Notifier;
import dev.notify.Problem;
import dev.notify.SendStatus;
import dev.notify.SettingsException;
import dev.notify.message.EmailMessage;
import dev.notify.settings.PropertiesFormat;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.Settings;
import dev.notify.smtp.dkim.IndependentVerifier;
import dev.notify.smtp.dkim.TestKeys;
import dev.notify.smtp.internal.SenderOptions;
import dev.notify.smtp.internal.SmtpSender;
import dev.notify.smtp.internal.dkim.SigningAlgorithm;
import dev.notify.spi.Sender;
import dev.notify.spi.SenderContext;
import dev.notify.testkit.smtp.SmtpServerExtension;
import dev.notify.testkit.time.ManualScheduler;
import java.time.Clock;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.james.jdkim.exceptions.FailException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The email.smtp.dkim.* keys: how they resolve per server, what validation reports, and that no key leaks. */
class DkimSettingsTest {

    @RegisterExtension
    final SmtpServerExtension smtp = SmtpServerExtension.plain();

    @TempDir
    Path dir;

    @Test
    void aServerOfAnotherBrandSignsWithItsOwnDomainAndKey() throws Exception {
        TestKeys.write(dir, "notify-rsa.pem", TestKeys.RSA_2048.getPrivate());
        TestKeys.write(dir, "brand-ed25519.pem", TestKeys.ED25519.getPrivate());
        Map<String, String> p = new HashMap<>(smtp.properties());
        p.put("email.sender", "Portal <portal@notify.example>");
        p.put("email.smtp.dkim.domain", "notify.example");
        p.put("email.smtp.dkim.rsa.selector", "rsa2048");
        p.put("email.smtp.dkim.rsa.private-key", "${file:notify-rsa.pem}");
        p.put("servers.portal.email.smtp.host", smtp.host());
        p.put("servers.shop.email.sender", "Shop <shop@brand.example>");
        p.put("servers.shop.email.smtp.dkim.domain", "brand.example");
        p.put("servers.shop.email.smtp.dkim.algorithm", "ed25519-sha256");
        p.put("servers.shop.email.smtp.dkim.ed25519.selector", "brand1");
        p.put("servers.shop.email.smtp.dkim.ed25519.private-key-file", dir.resolve("brand-ed25519.pem").toString());
        Settings settings = PropertiesFormat.standard().withBaseDirectory(dir).parse(p);

        try (Notifier notifier = Notifier.builder().settings(settings).build()) {
            assertThat(notifier.server("portal").sendEmail(mail("<p-1@notify.example>")).status())
                    .isEqualTo(SendStatus.ACCEPTED);
            assertThat(notifier.server("shop").sendEmail(mail("<s-1@brand.example>")).status())
                    .isEqualTo(SendStatus.ACCEPTED);
        }

        List<byte[]> raw = smtp.rawMessages().stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
        assertThat(raw).hasSize(2);
        IndependentVerifier dns = new IndependentVerifier(Map.of(
                "rsa2048._domainkey.notify.example", TestKeys.record(SigningAlgorithm.RSA_SHA256, TestKeys.RSA_2048),
                "brand1._domainkey.brand.example", TestKeys.record(SigningAlgorithm.ED25519_SHA256, TestKeys.ED25519)));
        assertThat(dns.verify(raw.get(0))).singleElement()
                .satisfies(s -> assertThat(s.getDToken() + " " + s.getHashKeyType()).isEqualTo("notify.example rsa"));
        assertThat(dns.verify(raw.get(1))).singleElement()
                .satisfies(s -> assertThat(s.getDToken() + " " + s.getHashKeyType()).isEqualTo("brand.example ed25519"));
    }

    @Test
    void aServerThatSetsOnlyItsDomainInheritsNeitherSelectorNorKey() {
        Map<String, String> p = rsaProperties(TestKeys.RSA_2048);
        p.put("servers.shop.email.sender", "shop@brand.example");
        p.put("servers.shop.email.smtp.dkim.domain", "brand.example");

        List<Problem> problems = resolve(p, "shop").problems();

        assertThat(problems).extracting(Problem::key).containsExactlyInAnyOrder(
                "servers.shop.email.smtp.dkim.rsa.selector", "servers.shop.email.smtp.dkim.rsa.private-key");
        assertThat(problems.get(0).message()).contains("credential group");
    }

    @Test
    void aMissingKeyFileIsASettingsErrorNamingTheServersKey() {
        Map<String, String> p = rsaProperties(TestKeys.RSA_2048);
        p.remove("email.smtp.dkim.rsa.private-key");
        p.put("email.smtp.dkim.rsa.private-key-file", dir.resolve("absent.pem").toString());

        assertThat(resolve(p, null).problems()).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("email.smtp.dkim.rsa.private-key-file");
            assertThat(problem.message()).contains("absent.pem").contains("does not exist");
        });
    }

    @Test
    void textThatIsNotAPemKeyIsRefusedWithoutQuotingIt() {
        Map<String, String> p = rsaProperties(TestKeys.RSA_2048);
        p.put("email.smtp.dkim.rsa.private-key", "MIIEv-not-a-pem-S3cretMaterial");

        assertThat(resolve(p, null).problems()).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("email.smtp.dkim.rsa.private-key");
            assertThat(problem.message()).contains("not a PEM private key").doesNotContain("S3cretMaterial");
        });
    }

    @Test
    void anRsaKeyShorterThan1024BitsIsRefused() {
        Map<String, String> p = rsaProperties(TestKeys.generate("RSA", 768));

        assertThat(resolve(p, null).problems()).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("email.smtp.dkim.rsa.private-key");
            assertThat(problem.message()).contains("768 bits").contains("at least 1024");
        });
    }

    @Test
    void anRsaKeyOf1024BitsWorksWithAWarningInTheLog() {
        Map<String, String> p = rsaProperties(TestKeys.RSA_1024);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(SmtpSender.class);
        log.start();
        logger.addAppender(log);
        try (SmtpSender sender = SmtpSender.create(context(resolve(p, null).requireValid()), SenderOptions.defaults())) {
            assertThat(sender).isNotNull();
        } finally {
            logger.detachAppender(log);
        }

        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).anySatisfy(m -> assertThat(m)
                .contains("email.smtp.dkim.rsa.private-key").contains("1024 bits").contains("2048")
                .doesNotContain(TestKeys.pem(TestKeys.RSA_1024.getPrivate()).split("\n")[1]));
    }

    @Test
    void anEd25519KeyForRsaSha256IsRefusedNamingBothAlgorithms() {
        Map<String, String> p = rsaProperties(TestKeys.ED25519);

        assertThat(resolve(p, null).problems()).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("email.smtp.dkim.rsa.private-key");
            assertThat(problem.message()).contains("Ed25519").contains("rsa-sha256");
        });
    }

    @Test
    void bothAlgorithmsNeedBothSelectorsAndKeys() {
        Map<String, String> p = rsaProperties(TestKeys.RSA_2048);
        p.put("email.smtp.dkim.algorithm", "both");

        assertThat(resolve(p, null).problems()).extracting(Problem::key).containsExactlyInAnyOrder(
                "email.smtp.dkim.ed25519.selector", "email.smtp.dkim.ed25519.private-key");
    }

    @Test
    void aKeyGivenBothAsTextAndAsFileIsAmbiguous() {
        Map<String, String> p = rsaProperties(TestKeys.RSA_2048);
        p.put("email.smtp.dkim.rsa.private-key-file", TestKeys.write(dir, "k.pem", TestKeys.RSA_2048.getPrivate()).toString());

        assertThat(resolve(p, null).problems()).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("email.smtp.dkim.rsa.private-key");
            assertThat(problem.message()).contains("not both");
        });
    }

    @Test
    void aSelectorWithoutDomainIsReported() {
        Map<String, String> p = new HashMap<>(smtp.properties());
        p.put("email.smtp.dkim.rsa.selector", "rsa2048");

        assertThat(resolve(p, null).problems()).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("email.smtp.dkim.rsa.selector");
            assertThat(problem.message()).contains("email.smtp.dkim.domain");
        });
    }

    @Test
    void aSenderOutsideTheSigningDomainIsReportedOnTheDomain() {
        Map<String, String> p = rsaProperties(TestKeys.RSA_2048);
        p.put("email.sender", "noreply@elsewhere.example");

        assertThat(resolve(p, null).problems()).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("email.smtp.dkim.domain");
            assertThat(problem.message()).contains("elsewhere.example").contains("email.sender");
        });
    }

    @Test
    void signedHeadersMustIncludeFrom() {
        Map<String, String> p = rsaProperties(TestKeys.RSA_2048);
        p.put("email.smtp.dkim.headers", "To, Subject");

        assertThatThrownBy(() -> PropertiesFormat.standard().parse(p)).isInstanceOfSatisfying(SettingsException.class,
                e -> assertThat(e.problems()).singleElement().satisfies(problem -> {
                    assertThat(problem.key()).isEqualTo("email.smtp.dkim.headers");
                    assertThat(problem.message()).contains("must include From");
                }));
    }

    @Test
    void changingTheKeyMakesANewSenderIdentity() {
        Map<String, String> before = rsaProperties(TestKeys.RSA_2048);
        Map<String, String> after = rsaProperties(TestKeys.RSA_2048_OTHER);
        List<dev.notify.settings.SettingKey<?>> keys = new SmtpSenderProvider().settings().keys();

        assertThat(keys).containsAll(DkimSettingKeys.all());
        assertThat(resolve(before, null).values(keys)).isEqualTo(resolve(before, null).values(keys))
                .isNotEqualTo(resolve(after, null).values(keys));
    }

    @Test
    void resolvedSettingsAndSenderNeverPrintTheKey() {
        Map<String, String> p = rsaProperties(TestKeys.RSA_2048);
        ResolvedSettings resolved = resolve(p, null).requireValid();
        String secretLine = TestKeys.pem(TestKeys.RSA_2048.getPrivate()).split("\n")[3];

        try (Sender sender = new SmtpSenderProvider().create(new SenderContext(resolved, Clock.systemUTC(), ManualScheduler.startingAt(Instant.now())))) {
            assertThat(resolved.toString() + sender).doesNotContain(secretLine).contains("********");
        }
    }

    @Test
    void aKeyThatCannotBeReadFailsSenderCreationToo() throws Exception {
        Path file = TestKeys.write(dir, "rsa.pem", TestKeys.RSA_2048.getPrivate());
        Map<String, String> p = rsaProperties(TestKeys.RSA_2048);
        p.remove("email.smtp.dkim.rsa.private-key");
        p.put("email.smtp.dkim.rsa.private-key-file", file.toString());
        ResolvedSettings valid = resolve(p, null).requireValid();
        Files.writeString(file, "rotated to garbage");

        assertThatThrownBy(() -> SmtpSender.create(context(valid), SenderOptions.defaults()))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(problem -> assertThat(problem.key()).isEqualTo("email.smtp.dkim.rsa.private-key-file")));
    }

    private Map<String, String> rsaProperties(KeyPair pair) {
        Map<String, String> p = new HashMap<>(smtp.properties());
        p.put("email.sender", "Portal <portal@notify.example>");
        p.put("email.smtp.dkim.domain", "notify.example");
        p.put("email.smtp.dkim.rsa.selector", "rsa2048");
        p.put("email.smtp.dkim.rsa.private-key", TestKeys.pem(pair.getPrivate()));
        return p;
    }

    private static ResolvedSettings resolve(Map<String, String> properties, String server) {
        Settings settings = PropertiesFormat.standard().parse(properties);
        return server == null ? settings.resolveGlobal() : settings.resolve(server);
    }

    private static SenderContext context(ResolvedSettings settings) {
        return new SenderContext(settings, Clock.systemUTC(), ManualScheduler.startingAt(Instant.now()));
    }

    private static EmailMessage mail(String messageId) {
        return EmailMessage.builder().to("alice@example.net").subject("Hello").text("Hi Alice").messageId(messageId)
                .build();
    }
}
