package dev.notify.testkit.graph;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** What the fixture's endpoints share: the test's instructions and what they received. This class is threadsafe. */
final class FixtureState {

    static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(3599);

    final String tenantId;
    final String clientId;
    final String clientSecret;

    private volatile Duration tokenLifetime = DEFAULT_TOKEN_LIFETIME;
    private volatile List<String> roles = List.of("Mail.Send");
    private volatile Duration sendMailDelay = Duration.ZERO;
    private volatile String accessToken;
    private final Deque<GraphFault> sendMailFaults = new ArrayDeque<>();
    private final Deque<TokenFault> tokenFaults = new ArrayDeque<>();

    final List<SentMail> sentMails = new CopyOnWriteArrayList<>();
    final List<TokenRequest> tokenRequests = new CopyOnWriteArrayList<>();
    final Set<String> issuedTokens = ConcurrentHashMap.newKeySet();
    final AtomicInteger sendMailRequests = new AtomicInteger();
    final Map<String, List<String>> tokenRoles = new ConcurrentHashMap<>();
    final Map<String, Draft> drafts = new ConcurrentHashMap<>();
    final Map<String, UploadSessionState> uploadSessions = new ConcurrentHashMap<>();
    final List<UploadSessionState> uploadSessionsInOrder = new CopyOnWriteArrayList<>();
    final List<String> deletedDrafts = new CopyOnWriteArrayList<>();
    final List<String> draftsInDeletedItems = new CopyOnWriteArrayList<>();
    private volatile GraphFault permanentDeleteFault;
    final AtomicInteger uploadPuts = new AtomicInteger();
    final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    final AtomicInteger acceptedChunks = new AtomicInteger();
    private final Map<Integer, GraphFault> uploadChunkFaults = new HashMap<>();
    private volatile int expireUploadsAfterChunks = Integer.MAX_VALUE;
    private final Map<Integer, Integer> uploadSessionExpiries = new HashMap<>();
    private final AtomicInteger sendMailsInFlight = new AtomicInteger();
    private final AtomicInteger maxSendMailsInFlight = new AtomicInteger();

    FixtureState(String tenantId, String clientId, String clientSecret) {
        this.tenantId = tenantId;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    synchronized void reset() {
        tokenLifetime = DEFAULT_TOKEN_LIFETIME;
        roles = List.of("Mail.Send");
        sendMailDelay = Duration.ZERO;
        accessToken = null;
        sendMailFaults.clear();
        tokenFaults.clear();
        sentMails.clear();
        tokenRequests.clear();
        issuedTokens.clear();
        sendMailRequests.set(0);
        tokenRoles.clear();
        drafts.clear();
        uploadSessions.clear();
        uploadSessionsInOrder.clear();
        deletedDrafts.clear();
        draftsInDeletedItems.clear();
        permanentDeleteFault = null;
        uploadPuts.set(0);
        batchSizes.clear();
        acceptedChunks.set(0);
        uploadChunkFaults.clear();
        expireUploadsAfterChunks = Integer.MAX_VALUE;
        uploadSessionExpiries.clear();
        sendMailsInFlight.set(0);
        maxSendMailsInFlight.set(0);
    }

    Duration tokenLifetime() {
        return tokenLifetime;
    }

    void tokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
    }

    List<String> roles() {
        return roles;
    }

    void roles(List<String> roles) {
        this.roles = List.copyOf(roles);
    }

    /** The token to issue instead of a new JWT, or null. */
    String accessToken() {
        return accessToken;
    }

    void accessToken(String token) {
        this.accessToken = token;
    }

    Duration sendMailDelay() {
        return sendMailDelay;
    }

    void sendMailDelay(Duration delay) {
        this.sendMailDelay = delay;
    }

    synchronized void addSendMailFaults(int count, GraphFault fault) {
        for (int i = 0; i < count; i++) {
            sendMailFaults.add(fault);
        }
    }

    synchronized GraphFault nextSendMailFault() {
        return sendMailFaults.poll();
    }

    /** The bearer token of a request, or "" when it has none. */
    static String bearerToken(com.github.tomakehurst.wiremock.verification.LoggedRequest request) {
        String authorization = request.getHeader("Authorization");
        return authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring("Bearer ".length()) : "";
    }

    synchronized void failUploadChunk(int put, GraphFault fault) {
        uploadChunkFaults.put(put, fault);
    }

    /** The fault for the upload PUT number {@code put} of this test, or null. */
    synchronized GraphFault uploadChunkFault(int put) {
        return uploadChunkFaults.remove(put);
    }

    synchronized void expireUploadSession(int number, int chunks) {
        uploadSessionExpiries.put(number, chunks);
    }

    /** Records a new session, numbered from 1 in the order of creation, expiring as queued for its number. */
    synchronized void addUploadSession(UploadSessionState session) {
        uploadSessions.put(session.id, session);
        uploadSessionsInOrder.add(session);
        Integer chunks = uploadSessionExpiries.remove(uploadSessionsInOrder.size());
        if (chunks != null) {
            session.expireAfterChunks(chunks);
        }
    }

    /** The fault every permanentDelete of this test is answered with, or null. */
    GraphFault permanentDeleteFault() {
        return permanentDeleteFault;
    }

    void permanentDeleteFault(GraphFault fault) {
        this.permanentDeleteFault = fault;
    }

    int expireUploadsAfterChunks() {
        return expireUploadsAfterChunks;
    }

    void expireUploadsAfterChunks(int chunks) {
        this.expireUploadsAfterChunks = chunks;
    }

    synchronized void addTokenFaults(int count, TokenFault fault) {
        for (int i = 0; i < count; i++) {
            tokenFaults.add(fault);
        }
    }

    synchronized TokenFault nextTokenFault() {
        return tokenFaults.poll();
    }

    void sendMailStarted() {
        int now = sendMailsInFlight.incrementAndGet();
        maxSendMailsInFlight.accumulateAndGet(now, Math::max);
    }

    void sendMailFinished() {
        sendMailsInFlight.decrementAndGet();
    }

    int maxSendMailsInFlight() {
        return maxSendMailsInFlight.get();
    }
}
