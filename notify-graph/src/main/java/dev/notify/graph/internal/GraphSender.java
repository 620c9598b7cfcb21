package dev.notify.graph.internal;

import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.sendmail.SendMailPostRequestBody;
import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.http.middleware.options.HeadersInspectionOption;
import dev.notify.CheckReport;
import dev.notify.DeliveryException;
import dev.notify.NotifyException;
import dev.notify.Problem;
import dev.notify.SendRejectedException;
import dev.notify.SettingsException;
import dev.notify.TransientDeliveryException;
import dev.notify.graph.GraphSettingKeys;
import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import dev.notify.microsoft.AccessToken;
import dev.notify.microsoft.AppTokenSource;
import dev.notify.microsoft.MicrosoftIdentityKeys;
import dev.notify.microsoft.MicrosoftTrust;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.SettingKeys;
import dev.notify.spi.Backoff;
import dev.notify.spi.Delivery;
import dev.notify.spi.EmailSender;
import dev.notify.spi.SendOutcome;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends with Microsoft Graph {@code POST /users/{from}/sendMail}: one HTTP request per send (two when Graph
 * answers 401: the token is renewed once, {@link AppTokenSource#useRenewingOnce}), at most
 * {@code email.graph.max-concurrent-requests} requests at a time. A message whose sendMail request would be over 4 MB goes through the {@link DraftPath}; one that
 * neither path can carry is refused before any request.
 *
 * <p>This class is threadsafe.
 */
public final class GraphSender implements EmailSender {

    private static final Logger LOG = LoggerFactory.getLogger(GraphSender.class);
    private static final String PROVIDER_ID = "graph";

    private final GraphSettings settings;
    private final MicrosoftTrust trust;
    private final AppTokenSource tokens;
    private final OkHttpClient http;
    private final GraphServiceClient client;
    private final RequestSize requestSize;
    private final DraftPath drafts;
    private final SendMailBatches batches;
    private final GraphErrors errors;
    private final Semaphore inFlight;
    private volatile boolean closed;

    private GraphSender(GraphSettings settings, MicrosoftTrust trust, AppTokenSource tokens, Semaphore inFlight,
            Clock clock) {
        this.settings = settings;
        this.trust = trust;
        this.tokens = tokens;
        this.inFlight = inFlight;
        this.http = GraphHttpClients.create(settings, trust);
        this.errors = new GraphErrors(settings, clock);
        this.client = new GraphServiceClient(new MsalAuthenticationProvider(tokens, settings.graphBaseUrl().getHost()),
                http);
        this.client.getRequestAdapter().setBaseUrl(settings.graphBaseUrl().toString());
        this.requestSize = new RequestSize(client.getRequestAdapter().getSerializationWriterFactory());
        ResolvedSettings resolved = settings.resolved();
        Backoff backoff = Backoff.of(resolved.get(SettingKeys.EMAIL_RETRY_INITIAL_DELAY),
                resolved.get(SettingKeys.EMAIL_RETRY_MAX_DELAY));
        int attempts = resolved.get(SettingKeys.EMAIL_RETRY_MAX_ATTEMPTS);
        ChunkedUpload upload = new ChunkedUpload(http, settings.uploadChunkBytes(), backoff, attempts, clock);
        this.drafts = new DraftPath(client, requestSize, upload, errors);
        this.batches = new SendMailBatches(settings, tokens, http, errors, inFlight, this::sendAlone,
                e -> transportFailure(new java.io.UncheckedIOException(e), "(batch)"));
    }

    /**
     * A sender for valid settings, sharing the in-flight permits of its app registration with the other senders of
     * {@code limits}; opens no connection.
     *
     * @param trust the certificate authorities trusted for the login host and Graph
     * @param clock token lifetimes and Retry-After dates
     * @throws SettingsException when the client certificate cannot be read or the authority is unusable
     */
    public static GraphSender create(ResolvedSettings resolved, MicrosoftTrust trust, AppRequestLimits limits,
            Clock clock) {
        AppTokenSource tokens = AppTokenSource.create(resolved, GraphSettingKeys.SCOPE, trust, clock);
        return new GraphSender(GraphSettings.from(resolved), trust, tokens, limits.permits(resolved), clock);
    }

    /**
     * Sends a queued message within the sendMail limit in a {@code $batch} with the others queued for the same
     * mailbox at the time ({@link SendMailBatches}); a larger one as {@link #send} does.
     */
    @Override
    public Delivery sendQueued(EmailMessage email) {
        Optional<SendMailBatches.Queued> request = batchable(email);
        return request.isPresent() ? batches.send(request.get()) : send(email);
    }

    /**
     * Sends queued messages within the sendMail limit in {@code $batch} requests of up to 20 per mailbox, as
     * {@link #sendQueued(EmailMessage)} does, and each larger one alone through the draft path; at most
     * {@code email.graph.max-concurrent-requests} requests at a time. Each message's outcome is its own.
     */
    @Override
    public List<SendOutcome> sendQueued(List<EmailMessage> messages) {
        SendOutcome[] outcomes = new SendOutcome[messages.size()];
        List<Integer> inBatches = new ArrayList<>();
        List<SendMailBatches.Queued> requests = new ArrayList<>();
        List<Integer> alone = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            try {
                Optional<SendMailBatches.Queued> request = batchable(messages.get(i));
                if (request.isPresent()) {
                    inBatches.add(i);
                    requests.add(request.get());
                } else {
                    alone.add(i);
                }
            } catch (RuntimeException e) {
                outcomes[i] = new SendOutcome.Failed(e);
            }
        }
        List<SendOutcome> batched = batches.sendAll(requests);
        for (int j = 0; j < inBatches.size(); j++) {
            outcomes[inBatches.get(j)] = batched.get(j);
        }
        for (int i : alone) {
            try {
                outcomes[i] = new SendOutcome.Delivered(send(messages.get(i)));
            } catch (RuntimeException e) {
                outcomes[i] = new SendOutcome.Failed(e);
            }
        }
        return List.of(outcomes);
    }

    /** The sendMail request of a message within the limit; empty for one that needs the draft path. */
    private Optional<SendMailBatches.Queued> batchable(EmailMessage email) {
        if (closed) {
            throw new SendRejectedException("this Graph sender is closed");
        }
        EmailAddress from = email.from().orElseThrow(() -> new IllegalArgumentException("the message has no from"));
        MailMapper.check(email);
        if (requestSize.route(email, settings) == RequestSize.Route.DRAFT) {
            return Optional.empty();
        }
        return Optional.of(new SendMailBatches.Queued(email, from.asciiAddress(),
                requestSize.json(MailMapper.toRequest(email, settings.saveToSentItems()))));
    }

    /** One sendMail request for a message within the limit, holding a permit the caller acquired. */
    private Delivery sendAlone(EmailMessage email, String mailbox) {
        return tokens.useRenewingOnce(token -> post(email, mailbox, token),
                "Microsoft Graph at " + settings.graphBaseUrl(), "the Mail.Send application permission");
    }

    @Override
    public Delivery send(EmailMessage email) {
        if (closed) {
            throw new SendRejectedException("this Graph sender is closed");
        }
        EmailAddress from = email.from().orElseThrow(() -> new IllegalArgumentException("the message has no from"));
        MailMapper.check(email);
        RequestSize.Route route = requestSize.route(email, settings);
        String mailbox = from.asciiAddress();
        acquirePermit();
        try {
            if (route == RequestSize.Route.DRAFT) {
                DraftPath.Draft draft = tokens.useRenewingOnce(token -> createDraft(email, mailbox, token),
                        "Microsoft Graph at " + settings.graphBaseUrl(),
                        "the Mail.Send and Mail.ReadWrite application permissions");
                try {
                    return drafts.complete(draft, email);
                } catch (NotifyException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw transportFailure(e, draft.clientRequestId());
                }
            }
            return sendAlone(email, mailbox);
        } finally {
            inFlight.release();
        }
    }

    private Delivery post(EmailMessage email, String mailbox, AccessToken token) {
        SendMailPostRequestBody body = MailMapper.toRequest(email, settings.saveToSentItems());
        String clientRequestId = UUID.randomUUID().toString();
        HeadersInspectionOption inspection = new HeadersInspectionOption(false, true);
        try {
            client.users().byUserId(mailbox).sendMail().post(body, config -> {
                config.headers.add("client-request-id", clientRequestId);
                config.options.add(inspection);
                config.options.add(new BearerTokenOption(token));
            });
        } catch (ApiException e) {
            if (e.getResponseStatusCode() == 401) {
                throw new AppTokenSource.Refused("HTTP 401" + (e instanceof ODataError odata && odata.getError() != null
                        && odata.getError().getCode() != null ? " " + odata.getError().getCode() : ""), e);
            }
            throw errors.map(e, mailbox, clientRequestId);
        } catch (RuntimeException e) {
            throw transportFailure(e, clientRequestId);
        }
        String requestId = GraphErrors.header(inspection.getResponseHeaders(), "request-id")
                .or(() -> GraphErrors.header(inspection.getResponseHeaders(), "client-request-id"))
                .orElse(clientRequestId);
        List<String> accepted = email.recipients().stream().map(EmailAddress::address).toList();
        return new Delivery(email.messageId().orElse("<" + requestId + "@graph>"), accepted, List.of(), Map.of(
                "graph.request-id", requestId,
                "graph.client-request-id", clientRequestId,
                "graph.mailbox", mailbox));
    }

    private DraftPath.Draft createDraft(EmailMessage email, String mailbox, AccessToken token) {
        try {
            return drafts.create(email, mailbox, token);
        } catch (NotifyException | AppTokenSource.Refused e) {
            throw e;
        } catch (RuntimeException e) {
            throw transportFailure(e, "(not answered)");
        }
    }

    private NotifyException transportFailure(RuntimeException e, String clientRequestId) {
        Optional<SettingsException> certificate = trust.certificateProblem(e, settings.resolved(),
                GraphSettingKeys.ENDPOINT, settings.graphBaseUrl());
        if (certificate.isPresent()) {
            return certificate.get();
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof IOException io) {
                return new TransientDeliveryException("no answer from Microsoft Graph at " + settings.graphBaseUrl()
                        + " (" + io + "; client-request-id " + clientRequestId + "); the message may or may not have "
                        + "been accepted", DeliveryException.Details.of(), e);
            }
        }
        throw e;
    }

    private void acquirePermit() {
        Duration wait = settings.readTimeout();
        try {
            if (!inFlight.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw noRequestSlot(settings);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientDeliveryException("interrupted while waiting for one of the "
                    + settings.maxConcurrentRequests() + " Graph request slots", DeliveryException.Details.of(), e);
        }
    }

    /** The failure of a send that waited {@code email.graph.read-timeout} for a request slot of its app. */
    static TransientDeliveryException noRequestSlot(GraphSettings settings) {
        return new TransientDeliveryException(settings.maxConcurrentRequests() + " Graph requests of this app were in "
                + "flight for " + settings.readTimeout().toMillis() + " ms ("
                + settings.fullKey(MicrosoftIdentityKeys.READ_TIMEOUT) + ", "
                + settings.fullKey(GraphSettingKeys.MAX_CONCURRENT_REQUESTS) + "); Microsoft allows 4 concurrent "
                + "requests per app and mailbox");
    }

    @Override
    public CheckReport check() {
        CheckReport.Builder report = CheckReport.builder(PROVIDER_ID)
                .item("graph.authority", tokens.authority().toString())
                .item("graph.endpoint", settings.graphBaseUrl().toString())
                .item("graph.scope", settings.scope())
                .item("graph.credential", settings.clientSecret().isPresent() ? "client secret"
                        : "client certificate " + settings.clientCertificate().map(Object::toString).orElse(""));
        if (closed) {
            return report.failure("this Graph sender is closed").build();
        }
        AccessToken token;
        try {
            token = tokens.token();
        } catch (SettingsException e) {
            return report.settingsFailure(e.problems()).build();
        } catch (NotifyException e) {
            return report.failure(e.getMessage()).build();
        }
        report.item("token.expires", token.expires().toString());
        List<String> roles;
        try {
            roles = token.roles();
        } catch (IllegalArgumentException e) {
            return report.failure("cannot read the token's roles: " + e.getMessage()).build();
        }
        report.item("token.roles", roles.isEmpty() ? "(none)" : String.join(", ", roles));
        boolean mailSend = roles.contains("Mail.Send");
        report.item("token.mail-send", mailSend ? "granted" : "missing");
        boolean mailReadWrite = roles.contains("Mail.ReadWrite");
        report.item("token.mail-readwrite", mailReadWrite ? "granted" : "missing");
        report.item("graph.draft-path", mailReadWrite ? "available: messages over 4 MB are sent as drafts with "
                + "upload sessions" : "unavailable: messages over 4 MB fail until the app has the Mail.ReadWrite "
                + "application permission (with admin consent)");
        if (!mailSend) {
            report.failure("the token of app " + settings.clientId() + " has no Mail.Send role: grant the Mail.Send "
                    + "application permission (Microsoft Graph > Application permissions, not Delegated) and grant "
                    + "admin consent for tenant " + settings.tenantId());
        }
        return report.build();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
