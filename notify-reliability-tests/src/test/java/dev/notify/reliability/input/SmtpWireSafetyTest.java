package dev.notify.reliability.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.notify.InvalidMessageException;
import dev.notify.Notifier;
import dev.notify.Problem;
import dev.notify.SendResult;
import dev.notify.message.Attachment;
import dev.notify.message.EmailMessage;
import dev.notify.reliability.support.FaultSettings;
import dev.notify.reliability.support.FaultySmtpServer;
import dev.notify.reliability.support.KnownSecrets;
import dev.notify.reliability.support.Outcome;
import dev.notify.reliability.support.SecretScan;
import dev.notify.reliability.support.Transaction;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the smtp provider writes on the wire, read byte for byte by a server that ends the content only at
 * CR LF "." CR LF: bodies with bare CR, bare LF and lone dots never end DATA early or smuggle a command; lines
 * longer than 998 octets are encoded; international domains go out as punycode and commands are pure ASCII; an
 * attachment whose content type holds a control character is refused before any connection. Subclasses run the
 * same against servers that offer PIPELINING and CHUNKING.
 */
class SmtpWireSafetyTest {

    private static final String SMUGGLED = "MAIL FROM:<attacker@evil.example>\r\nRCPT TO:<victim@notify.example>\r\n"
            + "DATA\r\nFrom: ceo@notify.example\r\nSubject: wire money\r\n\r\nsmuggled\r\n.\r\n";

    @RegisterExtension
    final SecretScan scan = new SecretScan();

    private FaultySmtpServer server;
    private Notifier notifier;

    @BeforeEach
    void start() throws IOException {
        server = offering(FaultySmtpServer.plain().account(KnownSecrets.USER, KnownSecrets.PASSWORD));
        notifier = FaultSettings.notifier(FaultSettings.smtp(server.port()).build());
    }

    FaultySmtpServer server() {
        return server;
    }

    Notifier notifier() {
        return notifier;
    }

    /** The server's extensions beyond plain ESMTP: none here, so the client sends one command at a time. */
    FaultySmtpServer offering(FaultySmtpServer plain) {
        return plain;
    }

    @AfterEach
    void stop() throws IOException {
        notifier.close();
        server.close();
    }

    static Stream<Arguments> smugglingBodies() {
        return Stream.of(
                Arguments.of("bare LF dot CRLF (classic smuggling)", "Hello\n.\r\n" + SMUGGLED),
                Arguments.of("CRLF dot CRLF", "Hello\r\n.\r\n" + SMUGGLED),
                Arguments.of("bare LF dot bare LF", "Hello\n.\n" + SMUGGLED),
                Arguments.of("bare CR dot bare CR", "Hello\r.\r" + SMUGGLED),
                Arguments.of("CRLF dot bare LF", "Hello\r\n.\n" + SMUGGLED),
                Arguments.of("bare CR dot CRLF", "Hello\r.\r\n" + SMUGGLED),
                Arguments.of("lone dot first", ".\r\n" + SMUGGLED),
                Arguments.of("double dot and trailing dot", "..\r\n.\r\nend\r\n."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smugglingBodies")
    void textBodyCannotEndTheDataEarlyOrSmuggleACommand(String name, String body) throws Exception {
        EmailMessage message = EmailMessage.builder().to("alice@notify.example").subject("Smuggling: " + name)
                .text(body).build();

        SendResult result = Outcome.send(notifier.global(), message, scan).accepted();

        assertThat(result.attempts()).isEqualTo(1);
        assertOneTransactionOnly();
        Transaction received = server.completeTransactions().get(0);
        assertLineEndingsAreAllCrLf(received.rawData());
        assertContentEndsOnlyAtItsEnd(received);
        assertThat(normalized(textOf(received))).isEqualTo(normalized(body));
    }

    static Stream<Arguments> contentTypesWithControlCharacters() {
        return Stream.of(
                Arguments.of("CR LF inside a quoted parameter",
                        "text/plain; charset=\"x\r\nBcc: victim@notify.example\""),
                Arguments.of("NUL inside a quoted parameter", "text/plain; name=\"a\0b\""),
                Arguments.of("LF before a parameter", "text/plain\n; charset=UTF-8"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contentTypesWithControlCharacters")
    void attachmentContentTypeWithAControlCharacterIsRefusedAndNothingReachesTheServer(String name, String contentType) {
        Throwable thrown = catchThrowable(() -> notifier.global().sendEmail(EmailMessage.builder()
                .to("alice@notify.example").subject("Attachment").text("See the attachment.")
                .attach(Attachment.of("notes.txt", contentType, "notes".getBytes(StandardCharsets.US_ASCII)))
                .build()));

        scan.scan(thrown);
        assertThat(thrown).isInstanceOfSatisfying(InvalidMessageException.class, e -> assertThat(e.problems())
                .extracting(Problem::key).containsExactly("attachment.content-type"));
        assertThat(server.connections()).as("connections opened").isZero();
        assertThat(server.transactions()).isEmpty();
    }

    @Test
    void htmlAndTextAlternativesCannotSmuggleEither() throws Exception {
        String html = "<p>Hi</p>\n.\r\n" + SMUGGLED;
        EmailMessage message = EmailMessage.builder().to("alice@notify.example").subject("Both")
                .text("Hi\r.\r" + SMUGGLED).html(html).build();

        Outcome.send(notifier.global(), message, scan).accepted();

        assertOneTransactionOnly();
        Transaction received = server.completeTransactions().get(0);
        assertLineEndingsAreAllCrLf(received.rawData());
        assertContentEndsOnlyAtItsEnd(received);
        Multipart alternative = (Multipart) parse(received).getContent();
        assertThat(normalized((String) alternative.getBodyPart(1).getContent())).isEqualTo(normalized(html));
    }

    @Test
    void bodyLinesLongerThan998OctetsAreEncodedNeverSentRaw() throws Exception {
        String longText = "x".repeat(5000) + "\nshort line\n" + "é".repeat(1500);
        String longHtml = "<p>" + "y".repeat(3000) + "</p>";
        EmailMessage message = EmailMessage.builder().to("alice@notify.example").subject("Long lines")
                .text(longText).html(longHtml).build();

        Outcome.send(notifier.global(), message, scan).accepted();

        Transaction received = server.completeTransactions().get(0);
        assertLinesAtMost998Octets(received);
        Multipart alternative = (Multipart) parse(received).getContent();
        assertThat(normalized((String) alternative.getBodyPart(0).getContent())).isEqualTo(normalized(longText));
        assertThat((String) alternative.getBodyPart(1).getContent()).isEqualTo(longHtml);
    }

    @Test
    void headerValuesWithoutSpacesLongerThan998OctetsAreEncodedNeverSentRaw() throws Exception {
        String longSubject = "S".repeat(1200);
        String longReference = "R".repeat(1100);
        String longName = "N".repeat(1050);
        EmailMessage message = EmailMessage.builder().to(longName + " <alice@notify.example>").subject(longSubject)
                .text("Hello").header("X-Long-Reference", longReference).build();

        Outcome.send(notifier.global(), message, scan).accepted();

        Transaction received = server.completeTransactions().get(0);
        assertLinesAtMost998Octets(received);
        MimeMessage mime = parse(received);
        assertThat(mime.getSubject()).isEqualTo(longSubject);
        assertThat(MimeUtility.decodeText(MimeUtility.unfold(mime.getHeader("X-Long-Reference", null))))
                .isEqualTo(longReference);
        assertThat(((InternetAddress) mime.getRecipients(jakarta.mail.Message.RecipientType.TO)[0]).getPersonal())
                .isEqualTo(longName);
    }

    private static void assertLinesAtMost998Octets(Transaction received) {
        assertThat(received.rawLines()).allSatisfy(line -> assertThat(line.length()).as(abbreviated(line))
                .isLessThanOrEqualTo(998));
    }

    @Test
    void internationalDomainsGoOutAsPunycodeAndEveryCommandIsAscii() throws Exception {
        EmailMessage message = EmailMessage.builder()
                .from("Jürgen Müller <portal@mañana.example>")
                .to("Zoë <zoe@bücher.example>")
                .cc("ops@例え.テスト")
                .subject("Grüße")
                .text("Grüße aus Köln")
                .build();

        SendResult result = Outcome.send(notifier.global(), message, scan).accepted();

        assertThat(result.isAccepted()).isTrue();
        String from = "portal@" + IDN.toASCII("mañana.example");
        String zoe = "zoe@" + IDN.toASCII("bücher.example");
        String ops = "ops@" + IDN.toASCII("例え.テスト");
        assertThat(server.commands()).contains("MAIL FROM:<" + from + ">", "RCPT TO:<" + zoe + ">",
                "RCPT TO:<" + ops + ">");
        assertThat(server.rawCommands()).allSatisfy(raw -> assertThat(isAscii(raw))
                .as(new String(raw, StandardCharsets.ISO_8859_1)).isTrue());
        Transaction received = server.completeTransactions().get(0);
        assertThat(isAscii(received.rawData())).as("content without SMTPUTF8 is 7-bit").isTrue();
        MimeMessage mime = parse(received);
        assertThat(mime.getHeader("To", null)).contains(zoe).contains("=?UTF-8?");
        assertThat(mime.getHeader("From", null)).contains(from);
        assertThat(normalized((String) mime.getContent())).isEqualTo("Grüße aus Köln");
    }

    private void assertOneTransactionOnly() {
        List<String> verbs = new ArrayList<>();
        for (String command : server.commands()) {
            verbs.add(command.split("[ :]")[0].toUpperCase(java.util.Locale.ROOT));
        }
        boolean chunked = !server.completeTransactions().isEmpty() && server.completeTransactions().get(0).chunked();
        assertThat(verbs).as(server.commands().toString())
                .containsExactly("EHLO", "AUTH", "MAIL", "RCPT", chunked ? "BDAT" : "DATA");
        assertThat(server.commands()).noneMatch(c -> c.contains("attacker") || c.contains("victim"));
        assertThat(server.transactions()).hasSize(1);
    }

    /**
     * After DATA the content ends at the one "." line the client sent last (the server's own reading proves no
     * earlier one); a BDAT chunk ends where its size says, so a "." line inside it is content. Content with lines
     * that read as commands never goes as BDAT.
     */
    private static void assertContentEndsOnlyAtItsEnd(Transaction received) {
        if (received.chunked()) {
            assertThat(received.rawLines()).noneMatch(line -> line.contains("attacker@") || line.contains("victim@"));
        } else {
            assertThat(received.rawLines()).filteredOn("."::equals).hasSize(1);
        }
    }

    private static void assertLineEndingsAreAllCrLf(byte[] raw) {
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\r') {
                assertThat(i + 1 < raw.length && raw[i + 1] == '\n').as("bare CR at %d", i).isTrue();
            }
            if (raw[i] == '\n') {
                assertThat(i > 0 && raw[i - 1] == '\r').as("bare LF at %d", i).isTrue();
            }
        }
    }

    private static boolean isAscii(byte[] raw) {
        for (byte b : raw) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static MimeMessage parse(Transaction t) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(t.content().getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static String textOf(Transaction t) throws Exception {
        Object content = parse(t).getContent();
        if (content instanceof Multipart multipart) {
            BodyPart first = multipart.getBodyPart(0);
            return (String) first.getContent();
        }
        return (String) content;
    }

    private static String normalized(String s) {
        String unified = s.replaceAll("\r\n|\r|\n", "\r\n");
        return unified.endsWith("\r\n") ? unified.substring(0, unified.length() - 2) : unified;
    }

    private static String abbreviated(String line) {
        return line.length() <= 80 ? line : line.substring(0, 80) + "... (" + line.length() + " octets)";
    }
}
