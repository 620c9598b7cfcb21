package dev.notify.testkit.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.notify.message.Attachment;
import dev.notify.message.EmailAddress;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GraphServerExtensionTest {

    @RegisterExtension
    static final GraphServerExtension graph = GraphServerExtension.create();

    private final HttpClient http = HttpClient.newBuilder().sslContext(graph.sslContext())
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void propertiesPointAtTheFixture() {
        assertThat(graph.properties())
                .containsEntry("email.delivery-method", "graph")
                .containsEntry("email.graph.authority", graph.baseUrl().toString())
                .containsEntry("email.graph.endpoint", graph.baseUrl().toString())
                .containsEntry("email.graph.client-secret", graph.clientSecret());
        assertThat(graph.baseUrl().getHost()).isEqualTo("localhost");
    }

    @Test
    void tokenEndpointIssuesAJwtWithTheRolesAndLifetimeAskedFor() throws Exception {
        graph.tokenLifetime(Duration.ofSeconds(120)).roles("Mail.Send", "User.Read.All");

        HttpResponse<String> response = token(graph.tenantId(), graph.clientId(), graph.clientSecret());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"expires_in\":120", "\"token_type\":\"Bearer\"");
        String payload = new String(Base64.getUrlDecoder().decode(accessToken(response).split("\\.")[1]),
                StandardCharsets.UTF_8);
        assertThat(payload).contains("\"roles\":[\"Mail.Send\",\"User.Read.All\"]", "\"tid\":\"" + graph.tenantId());
        assertThat(graph.tokenRequests()).singleElement().satisfies(r -> {
            assertThat(r.tenant()).isEqualTo(graph.tenantId());
            assertThat(r.parameter("grant_type")).contains("client_credentials");
        });
    }

    @Test
    void accessTokenAskedForIsIssuedToEveryRequestAndAcceptedBySendMail() throws Exception {
        graph.accessToken("fixed-token-for-xoauth2");

        String first = accessToken(token(graph.tenantId(), graph.clientId(), graph.clientSecret()));
        String second = accessToken(token(graph.tenantId(), graph.clientId(), graph.clientSecret()));

        assertThat(first).isEqualTo("fixed-token-for-xoauth2").isEqualTo(second);
        assertThat(sendMail(first, """
                {"message": {"subject": "Hi", "body": {"contentType": "Text", "content": "Hi"},
                  "toRecipients": [{"emailAddress": {"address": "alice@example.com"}}]}}
                """).statusCode()).isEqualTo(202);
    }

    @Test
    void wrongSecretClientOrTenantGetEntraIdsErrors() throws Exception {
        assertThat(token(graph.tenantId(), graph.clientId(), "wrong").body()).contains("AADSTS7000215", "invalid_client");
        assertThat(token(graph.tenantId(), "other-client", graph.clientSecret()).body()).contains("AADSTS700016");
        assertThat(token("other-tenant", graph.clientId(), graph.clientSecret()).body()).contains("AADSTS90002");
        assertThat(token(graph.tenantId(), graph.clientId(), "wrong").statusCode()).isEqualTo(401);
    }

    @Test
    void queuedTokenFaultsAnswerTheNextRequestsThenTokensFlowAgain() throws Exception {
        graph.failNextTokenRequests(1, TokenFault.serviceUnavailable());

        assertThat(token(graph.tenantId(), graph.clientId(), graph.clientSecret()).statusCode()).isEqualTo(503);
        assertThat(token(graph.tenantId(), graph.clientId(), graph.clientSecret()).statusCode()).isEqualTo(200);
    }

    @Test
    void sendMailIsDecodedIntoAnEmailMessageAndAccepted() throws Exception {
        String token = accessToken(token(graph.tenantId(), graph.clientId(), graph.clientSecret()));

        HttpResponse<String> response = sendMail(token, """
                {"message": {"subject": "Hi", "body": {"contentType": "HTML", "content": "<p>Hi</p>"},
                  "toRecipients": [{"emailAddress": {"address": "alice@example.com", "name": "Alice"}}],
                  "ccRecipients": [{"emailAddress": {"address": "bob@example.com"}}],
                  "attachments": [{"@odata.type": "#microsoft.graph.fileAttachment", "name": "a.txt",
                                   "contentType": "text/plain", "contentBytes": "aGVsbG8="}],
                  "internetMessageId": "<1@contoso.example>"},
                 "saveToSentItems": true}
                """);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("request-id")).isPresent();
        assertThat(graph.sentMails()).singleElement().satisfies(sent -> {
            assertThat(sent.user()).isEqualTo("sender@contoso.example");
            assertThat(sent.saveToSentItems()).isTrue();
            assertThat(sent.accessToken()).isEqualTo(token);
            assertThat(sent.message().from()).contains(EmailAddress.parse("sender@contoso.example"));
            assertThat(sent.message().to()).containsExactly(EmailAddress.of("Alice", "alice@example.com"));
            assertThat(sent.message().cc()).containsExactly(EmailAddress.parse("bob@example.com"));
            assertThat(sent.message().html()).contains("<p>Hi</p>");
            assertThat(sent.message().attachments()).containsExactly(
                    Attachment.of("a.txt", "text/plain", "hello".getBytes(StandardCharsets.US_ASCII)));
            assertThat(sent.message().messageId()).contains("<1@contoso.example>");
        });
    }

    @Test
    void sendMailWithoutAnIssuedTokenIsUnauthorized() throws Exception {
        assertThat(sendMail("made-up-token", "{\"message\":{}}").statusCode()).isEqualTo(401);
        assertThat(graph.sentMails()).isEmpty();
        assertThat(graph.sendMailRequestCount()).isEqualTo(1);
    }

    @Test
    void queuedFaultsAnswerTheNextSendMailsInOrderThenMailIsAccepted() throws Exception {
        String token = accessToken(token(graph.tenantId(), graph.clientId(), graph.clientSecret()));
        graph.failNextSendMails(2, GraphFault.throttled(Duration.ofSeconds(7)))
                .failNextSendMails(1, GraphFault.error(403, "ErrorAccessDenied", "Access is denied."));
        String mail = "{\"message\":{\"subject\":\"s\",\"body\":{\"content\":\"t\"},"
                + "\"toRecipients\":[{\"emailAddress\":{\"address\":\"a@example.com\"}}]}}";

        HttpResponse<String> first = sendMail(token, mail);
        HttpResponse<String> second = sendMail(token, mail);
        HttpResponse<String> third = sendMail(token, mail);
        HttpResponse<String> fourth = sendMail(token, mail);

        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.headers().firstValue("Retry-After")).contains("7");
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(third.statusCode()).isEqualTo(403);
        assertThat(third.body()).contains("ErrorAccessDenied", "Access is denied.");
        assertThat(fourth.statusCode()).isEqualTo(202);
        assertThat(graph.sendMailRequestCount()).isEqualTo(4);
        assertThat(graph.messages()).hasSize(1);
    }

    @Test
    void serverCertificateIsNotTrustedWithoutTheFixturesCertificateAuthority() {
        HttpClient untrusting = HttpClient.newHttpClient();

        assertThatThrownBy(() -> untrusting.send(HttpRequest.newBuilder(graph.baseUrl().resolve("/x")).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void serverListensOnLoopbackOnly() throws Exception {
        InetAddress external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .filter(GraphServerExtensionTest::upAndNotLoopback)
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).findFirst().orElse(null);
        assumeTrue(external != null, "this machine has no non-loopback IPv4 address");

        try (Socket socket = new Socket()) {
            assertThatThrownBy(() -> socket.connect(new InetSocketAddress(external, graph.baseUrl().getPort()), 2000))
                    .isInstanceOf(IOException.class);
        }
    }

    private static boolean upAndNotLoopback(NetworkInterface networkInterface) {
        try {
            return networkInterface.isUp() && !networkInterface.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }

    @Test
    void permanentDeletePurgesADraftWhereDeleteMovesItToDeletedItems() throws Exception {
        String token = readWriteToken();
        String purged = createDraft(token);
        String moved = createDraft(token);

        assertThat(request(token, "POST", "/messages/" + purged + "/permanentDelete", null).statusCode())
                .isEqualTo(204);
        assertThat(request(token, "DELETE", "/messages/" + moved, null).statusCode()).isEqualTo(204);

        assertThat(graph.drafts()).isEmpty();
        assertThat(graph.deletedDrafts()).containsExactly(purged, moved);
        assertThat(graph.draftsInDeletedItems()).containsExactly(moved);
    }

    @Test
    void refusedPermanentDeleteLeavesTheDraft() throws Exception {
        String token = readWriteToken();
        String draft = createDraft(token);
        graph.failPermanentDeletes(GraphFault.error(405, "ErrorInvalidRequest", "Not supported in this cloud."));

        assertThat(request(token, "POST", "/messages/" + draft + "/permanentDelete", null).statusCode())
                .isEqualTo(405);

        assertThat(graph.drafts()).containsExactly(draft);
        assertThat(graph.deletedDrafts()).isEmpty();
    }

    @Test
    void oneExpiredUploadSessionAnswers404WhileTheNextOneTakesChunks() throws Exception {
        String token = readWriteToken();
        String draft = createDraft(token);
        graph.expireUploadSession(1, 0);
        String session = "{\"AttachmentItem\":{\"attachmentType\":\"file\",\"name\":\"a.bin\",\"size\":3}}";
        URI expired = uploadUrl(request(token, "POST", "/messages/" + draft + "/attachments/createUploadSession",
                session));
        URI fresh = uploadUrl(request(token, "POST", "/messages/" + draft + "/attachments/createUploadSession",
                session));

        assertThat(put(expired).statusCode()).isEqualTo(404);
        assertThat(http.send(HttpRequest.newBuilder(expired).GET().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(404);
        assertThat(put(fresh).statusCode()).isEqualTo(201);
        assertThat(graph.uploads()).extracting(UploadedAttachment::complete).containsExactly(false, true);
    }

    private String readWriteToken() throws IOException, InterruptedException {
        graph.roles("Mail.Send", "Mail.ReadWrite");
        return accessToken(token(graph.tenantId(), graph.clientId(), graph.clientSecret()));
    }

    private String createDraft(String token) throws IOException, InterruptedException {
        HttpResponse<String> created = request(token, "POST", "/messages", "{\"subject\":\"draft\"}");
        Matcher m = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(created.body());
        assertThat(m.find()).as(created.body()).isTrue();
        return m.group(1);
    }

    private HttpResponse<String> request(String token, String method, String path, String json)
            throws IOException, InterruptedException {
        URI uri = graph.baseUrl().resolve("/v1.0/users/sender%40contoso.example" + path);
        return http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uploadUrl(HttpResponse<String> session) {
        Matcher m = Pattern.compile("\"uploadUrl\"\\s*:\\s*\"([^\"]+)\"").matcher(session.body());
        assertThat(m.find()).as(session.body()).isTrue();
        return URI.create(m.group(1));
    }

    private HttpResponse<String> put(URI uploadUrl) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uploadUrl).header("Content-Range", "bytes 0-2/3")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3})).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void faultCountMustBePositive() {
        assertThatThrownBy(() -> graph.failNextSendMails(0, GraphFault.unauthorized()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private HttpResponse<String> token(String tenant, String client, String secret) throws IOException, InterruptedException {
        String form = "grant_type=client_credentials&client_id=" + enc(client) + "&client_secret=" + enc(secret)
                + "&scope=" + enc("https://graph.microsoft.com/.default");
        return http.send(HttpRequest.newBuilder(graph.baseUrl().resolve("/" + tenant + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> sendMail(String token, String json) throws IOException, InterruptedException {
        URI uri = graph.baseUrl().resolve("/v1.0/users/sender%40contoso.example/sendMail");
        return http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String accessToken(HttpResponse<String> response) {
        Matcher m = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(response.body());
        assertThat(m.find()).as(response.body()).isTrue();
        return m.group(1);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
