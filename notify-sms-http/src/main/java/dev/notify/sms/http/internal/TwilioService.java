package dev.notify.sms.http.internal;

import dev.notify.json.JsonObject;
import dev.notify.CheckReport;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.SettingKey;
import dev.notify.sms.http.TwilioSettingKeys;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Twilio Programmable Messaging: {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json} with the form fields
 * {@code To}, {@code Body} and {@code From} or {@code MessagingServiceSid}, HTTP Basic authentication with the
 * Account SID and auth token (or an API key SID and secret). The check fetches the account,
 * {@code GET /2010-04-01/Accounts/{AccountSid}.json}.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class TwilioService implements SmsService {

    private static final Set<String> FAILED = Set.of("failed", "undelivered");

    private final URI baseUrl;
    private final String accountSid;
    private final boolean apiKey;
    private final BasicAuth auth;
    private final String from;
    private final String messagingServiceSid;
    private final URI statusCallback;

    private TwilioService(ResolvedSettings settings) {
        this.baseUrl = settings.get(TwilioSettingKeys.BASE_URL);
        this.accountSid = settings.get(TwilioSettingKeys.ACCOUNT_SID);
        this.apiKey = settings.find(TwilioSettingKeys.API_KEY_SID).isPresent();
        this.auth = apiKey
                ? new BasicAuth(settings.get(TwilioSettingKeys.API_KEY_SID), settings.get(TwilioSettingKeys.API_KEY_SECRET))
                : new BasicAuth(accountSid, settings.get(TwilioSettingKeys.AUTH_TOKEN));
        this.from = settings.find(TwilioSettingKeys.FROM).orElse(null);
        this.messagingServiceSid = settings.find(TwilioSettingKeys.MESSAGING_SERVICE_SID).orElse(null);
        this.statusCallback = ReceiptUrls.of(settings, "twilio");
    }

    /** The service for valid settings of the {@code twilio} provider. */
    public static TwilioService from(ResolvedSettings settings) {
        return new TwilioService(settings);
    }

    @Override
    public String name() {
        return "Twilio";
    }

    @Override
    public HttpRequest.Builder send(HttpExchange http, OutgoingSms sms) {
        FormBody form = new FormBody().add("To", sms.number().e164()).add("Body", sms.text());
        if (messagingServiceSid != null) {
            form.add("MessagingServiceSid", messagingServiceSid);
        } else {
            form.add("From", from);
        }
        if (statusCallback != null) {
            form.add("StatusCallback", statusCallback.toString());
        }
        return http.request(account("/Messages.json"))
                .header("Authorization", auth.header())
                .header("Accept", "application/json")
                .header("Content-Type", FormBody.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(form.encode()));
    }

    /**
     * {@code 201} with {@code sid} and {@code status} (a status {@code failed} or {@code undelivered} is a refusal,
     * with its {@code error_code}); errors are {@code {"code": 21211, "message": ...}}.
     */
    @Override
    public SendAnswer read(HttpAnswer answer) {
        Optional<JsonObject> json = answer.json();
        if (json.isEmpty()) {
            return new SendAnswer.Unreadable();
        }
        if (answer.isSuccess()) {
            Optional<String> status = json.get().text("status");
            if (status.filter(FAILED::contains).isPresent()) {
                Optional<Integer> code = json.get().number("error_code").flatMap(SmsService::code);
                return new SendAnswer.Refused("status " + status.get() + code.map(c -> ", error " + c).orElse(""),
                        json.get().text("error_message").orElse(""), code.map(TwilioErrors::of).orElse(
                                ServiceError.permanent("Twilio took the request but failed the message; see it in "
                                        + "the Twilio Console's message logs")));
            }
            return json.get().text("sid").<SendAnswer>map(sid -> new SendAnswer.Accepted(sid, status.orElse(null)))
                    .orElseGet(SendAnswer.Unreadable::new);
        }
        Optional<Integer> code = json.get().number("code").flatMap(SmsService::code);
        String message = json.get().text("message").orElse("");
        return code.<SendAnswer>map(c -> new SendAnswer.Refused("error " + c, message, TwilioErrors.of(c)))
                .orElseGet(SendAnswer.Unreadable::new);
    }

    @Override
    public Optional<HttpRequest.Builder> probe(HttpExchange http) {
        return Optional.of(http.request(account(".json"))
                .header("Authorization", auth.header())
                .header("Accept", "application/json")
                .GET());
    }

    @Override
    public void probed(HttpAnswer answer, Redactor redactor, CheckReport.Builder report) {
        Optional<JsonObject> account = answer.json();
        if (account.isEmpty()) {
            report.failure("Twilio answered the account fetch with something that cannot be read");
            return;
        }
        account.get().text("friendly_name").ifPresent(name -> report.item("account.name", redactor.excerpt(name, 64)));
        account.get().text("type").ifPresent(type -> report.item("account.type", redactor.excerpt(type, 32)));
        String status = account.get().text("status").map(s -> redactor.excerpt(s, 32)).orElse("unknown");
        report.item("account.status", status);
        if (!status.equals("active")) {
            report.failure("the Twilio account " + accountSid + " is " + status + ", so it cannot send; reactivate "
                    + "it in the Twilio Console");
        }
    }

    @Override
    public void describe(CheckReport.Builder report) {
        report.item("sms.twilio.base-url", baseUrl.toString())
                .item("sms.twilio.account-sid", accountSid)
                .item("authentication", apiKey ? "API key" : "auth token");
        if (messagingServiceSid != null) {
            report.item("sms.twilio.messaging-service-sid", messagingServiceSid);
        } else {
            report.item("sms.twilio.from", from);
        }
    }

    @Override
    public List<SettingKey<?>> credentialKeys() {
        return apiKey
                ? List.of(TwilioSettingKeys.ACCOUNT_SID, TwilioSettingKeys.API_KEY_SID, TwilioSettingKeys.API_KEY_SECRET)
                : List.of(TwilioSettingKeys.ACCOUNT_SID, TwilioSettingKeys.AUTH_TOKEN);
    }

    @Override
    public List<SettingKey<?>> endpointKeys() {
        return List.of(TwilioSettingKeys.BASE_URL, TwilioSettingKeys.ACCOUNT_SID);
    }

    @Override
    public Collection<String> secrets() {
        return auth.secrets();
    }

    private URI account(String suffix) {
        return URI.create(baseUrl + "/2010-04-01/Accounts/" + accountSid + suffix);
    }
}
