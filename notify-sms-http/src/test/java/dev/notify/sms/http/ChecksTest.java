package dev.notify.sms.http;

import static dev.notify.sms.http.StubSenders.layer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Channel;
import dev.notify.CheckReport;
import dev.notify.Notifier;
import dev.notify.Problem;
import dev.notify.settings.Layer;
import dev.notify.settings.Settings;
import dev.notify.testkit.sms.InfobipServerExtension;
import dev.notify.testkit.sms.SmsFault;
import dev.notify.testkit.sms.SmsRequest;
import dev.notify.testkit.sms.SmsServiceExtension;
import dev.notify.testkit.sms.TwilioServerExtension;
import dev.notify.testkit.sms.VonageServerExtension;
import dev.notify.testkit.sms.WebhookServerExtension;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code check} proves the credentials with a read-only request of each service and never sends. */
class ChecksTest {

    @RegisterExtension
    static final TwilioServerExtension twilio = TwilioServerExtension.create();
    @RegisterExtension
    static final VonageServerExtension vonage = VonageServerExtension.create();
    @RegisterExtension
    static final InfobipServerExtension infobip = InfobipServerExtension.create();
    @RegisterExtension
    static final WebhookServerExtension webhook = WebhookServerExtension.create();

    private static CheckReport check(Layer layer) {
        try (Notifier notifier = Notifier.builder().settings(Settings.of(layer)).build()) {
            return notifier.global().check(Channel.SMS);
        }
    }

    private static void assertNothingSent(SmsServiceExtension stub) {
        assertThat(stub.messages()).isEmpty();
        assertThat(stub.requests()).extracting(SmsRequest::endpoint).containsOnly(SmsRequest.Endpoint.CHECK);
    }

    @Test
    void twilioCheckFetchesTheAccount() {
        CheckReport report = check(twilio.layer());

        assertThat(report.ok()).as(report.toString()).isTrue();
        assertThat(report.providerId()).isEqualTo("twilio");
        assertThat(report.item("account.status")).contains("active");
        assertThat(report.item("authentication")).contains("auth token");
        assertThat(twilio.requests()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.path()).isEqualTo("/2010-04-01/Accounts/" + TwilioServerExtension.DEFAULT_ACCOUNT_SID + ".json");
        });
        assertNothingSent(twilio);
        assertThat(report.toString()).doesNotContain(TwilioServerExtension.DEFAULT_AUTH_TOKEN);
    }

    @Test
    void twilioCheckFailsForASuspendedAccount() {
        twilio.accountStatus("suspended");

        CheckReport report = check(twilio.layer());

        assertThat(report.ok()).isFalse();
        assertThat(report.failure()).hasValueSatisfying(f -> assertThat(f).contains("is suspended", "reactivate"));
        assertThat(report.settingsProblems()).isEmpty();
    }

    @Test
    void twilioCheckWithAWrongTokenNamesTheCredentialKeys() {
        CheckReport report = check(layer(twilio, "sms.twilio.auth-token=wrong-token-value"));

        assertThat(report.ok()).isFalse();
        assertThat(report.settingsProblems()).extracting(Problem::key)
                .containsExactly("sms.twilio.account-sid", "sms.twilio.auth-token");
        assertThat(report.failure()).hasValueSatisfying(f -> assertThat(f).contains("error 20003: Authenticate")
                .doesNotContain("wrong-token-value"));
        assertNothingSent(twilio);
    }

    @Test
    void vonageCheckReadsTheBalanceWithBasicAuthentication() {
        CheckReport report = check(vonage.layer());

        assertThat(report.ok()).as(report.toString()).isTrue();
        assertThat(report.item("account.balance")).contains("10.28");
        assertThat(vonage.requests()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/account/get-balance");
            assertThat(r.header("Authorization")).hasValueSatisfying(h -> assertThat(h).startsWith("Basic "));
        });
        assertNothingSent(vonage);
    }

    @Test
    void vonageCheckFailsWithoutCredit() {
        vonage.balance(BigDecimal.ZERO);

        CheckReport report = check(vonage.layer());

        assertThat(report.failure()).hasValueSatisfying(f -> assertThat(f).contains("no credit", "top it up"));
    }

    @Test
    void vonageCheckWithAWrongSecretNamesTheKeyAndSecret() {
        CheckReport report = check(layer(vonage, "sms.vonage.api-secret=wrong-secret-value"));

        assertThat(report.settingsProblems()).extracting(Problem::key)
                .containsExactly("sms.vonage.api-key", "sms.vonage.api-secret");
        assertThat(report.toString()).doesNotContain("wrong-secret-value");
    }

    @Test
    void infobipCheckReadsTheBalance() {
        CheckReport report = check(infobip.layer());

        assertThat(report.ok()).as(report.toString()).isTrue();
        assertThat(report.item("account.balance")).contains("47.79 EUR");
        assertThat(infobip.requests()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/account/1/balance");
            assertThat(r.header("Authorization")).contains("App " + InfobipServerExtension.DEFAULT_API_KEY);
        });
        assertNothingSent(infobip);
    }

    @Test
    void infobipCheckThatCannotConnectIsAFailureNotASettingsProblem() {
        CheckReport report = check(layer(infobip, "sms.infobip.base-url=https://127.0.0.1:" + StubSenders.closedPort(),
                "sms.infobip.api-key=" + InfobipServerExtension.DEFAULT_API_KEY));

        assertThat(report.ok()).isFalse();
        assertThat(report.failure()).hasValueSatisfying(f -> assertThat(f).contains("could not connect to Infobip"));
        assertThat(report.settingsProblems()).isEmpty();
    }

    @Test
    void webhookCheckGetsTheHealthUrlWithTheHeadersOfTheSameHost() {
        CheckReport report = check(webhook.layer());

        assertThat(report.ok()).as(report.toString()).isTrue();
        assertThat(report.item("health")).contains("HTTP 200");
        assertThat(report.item("sms.webhook.headers")).contains("Authorization, X-Tenant");
        assertThat(webhook.requests()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo(WebhookServerExtension.HEALTH_PATH);
            assertThat(r.header("Authorization")).contains("Bearer " + WebhookServerExtension.DEFAULT_TOKEN);
        });
        assertNothingSent(webhook);
        assertThat(report.toString()).doesNotContain(WebhookServerExtension.DEFAULT_TOKEN);
    }

    @Test
    void webhookCheckWithoutHealthUrlReportsTheSettingsAndContactsNobody() {
        CheckReport report = check(layer(webhook, "sms.webhook.health-url="));

        assertThat(report.ok()).isTrue();
        assertThat(report.item("sms.webhook.health-url")).hasValueSatisfying(v -> assertThat(v).startsWith("(none"));
        assertThat(webhook.requests()).isEmpty();
    }

    @Test
    void webhookCheckOfAnUnhealthyRelayFails() {
        webhook.failNextChecks(1, SmsFault.serverError(503));

        CheckReport report = check(webhook.layer());

        assertThat(report.ok()).isFalse();
        assertThat(report.failure()).hasValueSatisfying(f -> assertThat(f).contains("HTTP 503"));
    }
}
