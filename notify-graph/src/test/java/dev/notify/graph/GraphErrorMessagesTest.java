package dev.notify.graph;

import static dev.notify.graph.GraphTokenTest.mail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.notify.Notifier;
import dev.notify.PermanentDeliveryException;
import dev.notify.SettingsException;
import dev.notify.microsoft.MicrosoftIdentityKeys;
import dev.notify.settings.Layer;
import dev.notify.settings.Secret;
import dev.notify.settings.Settings;
import dev.notify.testkit.graph.GraphFault;
import dev.notify.testkit.graph.GraphServerExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

class GraphErrorMessagesTest {

    private static final String WRONG_SECRET = "wr0ng-Secret~Value.4711";

    @RegisterExtension
    static final GraphServerExtension graph = GraphServerExtension.create();

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final List<Logger> loggers = Stream.of("dev.notify", "com.microsoft", "com.microsoft.aad.msal4j")
            .map(name -> (Logger) LoggerFactory.getLogger(name)).toList();
    private final Map<Logger, Level> levels = new HashMap<>();

    @BeforeEach
    void captureEverythingLoggedAtDebug() {
        logs.start();
        for (Logger logger : loggers) {
            levels.put(logger, logger.getLevel());
            logger.setLevel(Level.DEBUG);
            logger.addAppender(logs);
        }
    }

    @AfterEach
    void secretsNeverLogged() {
        for (Logger logger : loggers) {
            logger.detachAppender(logs);
            logger.setLevel(levels.get(logger));
        }
        assertThat(logs.list).isNotEmpty();
        assertThat(logs.list).allSatisfy(event -> assertThat(event.getFormattedMessage() + event.getThrowableProxy())
                .doesNotContain(WRONG_SECRET, graph.clientSecret()));
    }

    static Stream<Arguments> graphErrors() {
        return Stream.of(
                Arguments.of(403, "ErrorAccessDenied", new String[] {"Mail.Send application permission",
                        "admin consent", "application access policy", "RBAC for Applications",
                        GraphServerExtension.DEFAULT_SENDER}),
                Arguments.of(403, "ErrorSendAsDenied", new String[] {"Send As", "email.sender"}),
                Arguments.of(404, "MailboxNotEnabledForRESTAPI", new String[] {"Exchange Online", "license",
                        "on-premises"}),
                Arguments.of(400, "ErrorMessageSizeExceeded", new String[] {"larger than mailbox",
                        "MaxSendSize"}));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("graphErrors")
    void graphErrorCodeBecomesAPermanentFailureSayingWhatToDo(int status, String code, String[] advice) {
        graph.failNextSendMails(1, GraphFault.error(status, code, "Graph's own words for " + code));

        try (Notifier notifier = GraphFixture.notifier(graph)) {
            assertThatThrownBy(() -> notifier.global().sendEmail(mail(code)))
                    .isInstanceOfSatisfying(PermanentDeliveryException.class, e -> {
                        assertThat(e.getMessage()).contains(advice).contains(code, "HTTP " + status, "request-id");
                        assertThat(e.attempts()).isEqualTo(1);
                        assertThat(e.replyCode()).hasValue(status);
                        assertThat(Secrets.everythingPrinted(e)).doesNotContain(graph.clientSecret());
                    });
        }
        assertThat(graph.sendMailRequestCount()).isEqualTo(1);
    }

    @Test
    void wrongClientSecretIsASettingsProblemOnTheFullSecretKeyThatNeverShowsTheSecret() {
        try (Notifier notifier = serverNotifier(graph.tenantId(), graph.clientId(), WRONG_SECRET)) {
            assertThatThrownBy(() -> notifier.server("eu-1").sendEmail(mail("wrong secret")))
                    .isInstanceOfSatisfying(SettingsException.class, e -> {
                        assertThat(e.problems()).singleElement().satisfies(p -> {
                            assertThat(p.key()).isEqualTo("servers.eu-1.email.graph.client-secret");
                            assertThat(p.message()).contains("AADSTS7000215", "Value, not its Secret ID", "expired");
                        });
                        assertThat(Secrets.everythingPrinted(e)).doesNotContain(WRONG_SECRET, graph.clientSecret());
                    });
            assertThat(notifier.server("eu-1").check().failure()).hasValueSatisfying(f -> assertThat(f)
                    .contains("AADSTS7000215").doesNotContain(WRONG_SECRET));
        }
        assertThat(graph.sendMailRequestCount()).isZero();
    }

    @Test
    void unknownClientIdIsASettingsProblemOnTheClientIdKey() {
        try (Notifier notifier = serverNotifier(graph.tenantId(), "00000000-0000-0000-0000-00000000abcd", WRONG_SECRET)) {
            assertThatThrownBy(() -> notifier.server("eu-1").sendEmail(mail("unknown app")))
                    .isInstanceOfSatisfying(SettingsException.class, e -> {
                        assertThat(e.problems()).singleElement().satisfies(p -> {
                            assertThat(p.key()).isEqualTo("servers.eu-1.email.graph.client-id");
                            assertThat(p.message()).contains("AADSTS700016", "00000000-0000-0000-0000-00000000abcd",
                                    "Application (client) ID");
                        });
                        assertThat(Secrets.everythingPrinted(e)).doesNotContain(WRONG_SECRET);
                    });
        }
    }

    @Test
    void unknownTenantIsASettingsProblemOnTheTenantIdKey() {
        try (Notifier notifier = serverNotifier("contoso-typo.onmicrosoft.com", graph.clientId(), WRONG_SECRET)) {
            assertThatThrownBy(() -> notifier.server("eu-1").sendEmail(mail("unknown tenant")))
                    .isInstanceOfSatisfying(SettingsException.class, e -> {
                        assertThat(e.problems()).singleElement().satisfies(p -> {
                            assertThat(p.key()).isEqualTo("servers.eu-1.email.graph.tenant-id");
                            assertThat(p.message()).contains("AADSTS90002", "contoso-typo.onmicrosoft.com",
                                    "email.graph.cloud");
                        });
                        assertThat(Secrets.everythingPrinted(e)).doesNotContain(WRONG_SECRET);
                    });
        }
    }

    /** A notifier whose server eu-1 has its own app registration (the credential group resolves from one layer). */
    private static Notifier serverNotifier(String tenant, String client, String secret) {
        Layer server = Layer.builder()
                .set(MicrosoftIdentityKeys.TENANT_ID, tenant)
                .set(MicrosoftIdentityKeys.CLIENT_ID, client)
                .set(MicrosoftIdentityKeys.CLIENT_SECRET, Secret.of(secret))
                .build();
        return Notifier.builder()
                .settings(Settings.builder().global(graph.layer()).server("eu-1", server).build())
                .provider(new GraphSenderProvider().withTrustStore(graph.trustStore()))
                .discoverProviders(false)
                .build();
    }
}
