package dev.notify.testkit.smtp;

import dev.notify.message.EmailMessage;
import dev.notify.settings.Layer;
import dev.notify.testkit.tls.TestCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An embedded SMTP server on a free loopback port for tests of code that sends email with notify, and the
 * settings that point notify at it.
 *
 * <pre>{@code
 * @RegisterExtension
 * final SmtpServerExtension smtp = SmtpServerExtension.startTls().withUser("app", "s3cret");
 *
 * @Test
 * void sendsWelcomeMail() {
 *     Notifier notifier = Notifier.builder().settings(Settings.of(smtp.layer())).build();
 *     ...
 *     assertThat(smtp.awaitMessages(1, Duration.ofSeconds(5)).get(0).subject()).isEqualTo("Welcome");
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link #plain()}: SMTP without TLS (GreenMail); {@code email.smtp.tls=none}.</li>
 *   <li>{@link #startTls()}: required STARTTLS (SubEthaSMTP; mail before the handshake is refused);
 *       {@code email.smtp.tls=starttls}.</li>
 *   <li>{@link #implicitTls()}: SMTPS (GreenMail); {@code email.smtp.tls=implicit}.</li>
 * </ul>
 * The TLS servers present a {@link TestCertificate} made at start for {@code localhost} and {@code 127.0.0.1};
 * {@link #layer()} names a PKCS#12 trust store that trusts it, so host names and certificates are verified as in
 * production. GreenMail offers AUTH PLAIN, LOGIN and XOAUTH2 (the access token is checked against the user's
 * password) and accepts unauthenticated mail too; SubEthaSMTP with a user offers PLAIN and LOGIN and requires
 * AUTH.
 *
 * <p>To test how code copes with a server that refuses, stalls or hangs up, add {@link SmtpFault}s:
 * <pre>{@code
 * SmtpServerExtension.plain().withFault(SmtpFault.rcpt("bob@example.com").reply(550, "5.1.1 no such user"))
 * }</pre>
 * With a fault, {@link #withPipelining()} or {@link #withChunking()}, the server is the test kit's own SMTP server
 * instead of GreenMail or SubEthaSMTP, in the same TLS mode and with the same user: it speaks EHLO, HELO, STARTTLS,
 * AUTH PLAIN, LOGIN and XOAUTH2, MAIL, RCPT, DATA, BDAT (with chunking), RSET, NOOP and QUIT, requires what the
 * server it stands in for requires, and records mail the same way.
 *
 * <p>For clients that pipeline (RFC 2920) or send chunks (RFC 3030), each server offers something else:
 * <pre>{@code
 * SmtpServerExtension.plain().withPipelining().withChunking()          // the test kit's own: both, with faults
 *         .withFault(SmtpFault.nthRcpt(2).reply(550, "5.1.1 no such user"))
 *         .withFault(SmtpFault.repliesInPieces(Duration.ofMillis(2)));
 * SmtpServerExtension.plain().withGreenMailPipelining();                // GreenMail, PIPELINING added
 * SmtpServerExtension.startTls();                                       // SubEthaSMTP: CHUNKING, no PIPELINING
 * }</pre>
 * SubEthaSMTP 7.1 answers a BDAT sent without an accepted MAIL or recipient before reading its chunk, and then
 * takes the chunk's octets for commands; test that case against {@link #withChunking()}.
 *
 * <p>Registered on an instance field, the server starts before and stops after each test; on a static field it
 * runs for the whole class and its received mail is cleared before each test. Without JUnit, call
 * {@link #start()} and {@link #close()}. Needs GreenMail ({@code com.icegreen:greenmail}), SubEthaSMTP
 * ({@code com.github.davidmoten:subethasmtp}) and BouncyCastle ({@code org.bouncycastle:bcpkix-jdk18on}) on the
 * test class path.
 *
 * <p>This class is threadsafe: the server may receive mail while the test waits for it.
 */
public final class SmtpServerExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, AutoCloseable {

    /** The From the settings of {@link #layer()} use. */
    public static final String SENDER = "notify test <sender@notify.example>";

    private static final String TRUST_STORE_PASSWORD = "changeit";

    private final TlsMode tls;
    /**
     * System property that makes every server of {@link #plain()}, {@link #startTls()} and {@link #implicitTls()}
     * the test kit's own, offering what it lists: {@code PIPELINING}, {@code CHUNKING} or both, separated by
     * commas. A build sets it for a second run of a whole test suite against clients' pipelined paths.
     */
    public static final String EXTENSIONS_PROPERTY = "notify.testkit.smtp.extensions";

    private final String user;
    private final String password;
    private final FaultPlan faults;
    private final ServiceExtensions extensions;
    private final boolean greenMailPipelining;
    private final Inbox inbox = new Inbox();
    private TestSmtpServer server;
    private TestCertificate certificate;
    private Path directory;
    private Path trustStore;
    private int port;
    private boolean perClass;

    private SmtpServerExtension(TlsMode tls, String user, String password, List<SmtpFault> faults,
            ServiceExtensions extensions, boolean greenMailPipelining) {
        if (greenMailPipelining && tls == TlsMode.STARTTLS) {
            throw new IllegalStateException("startTls() runs SubEthaSMTP, which has no supported way to offer "
                    + "PIPELINING; use withPipelining() for the test kit's own server");
        }
        if (greenMailPipelining && (!faults.isEmpty() || extensions.any())) {
            throw new IllegalStateException("withGreenMailPipelining() runs GreenMail, which cannot take faults, "
                    + "withPipelining() or withChunking(); those run the test kit's own server");
        }
        this.tls = tls;
        this.user = user;
        this.password = password;
        this.faults = new FaultPlan(faults);
        this.extensions = extensions;
        this.greenMailPipelining = greenMailPipelining;
    }

    /** Plain SMTP, no TLS (GreenMail). */
    public static SmtpServerExtension plain() {
        return new SmtpServerExtension(TlsMode.NONE, null, null, List.of(), ServiceExtensions.fromSystemProperty(),
                false);
    }

    /** SMTP with required STARTTLS (SubEthaSMTP). */
    public static SmtpServerExtension startTls() {
        return new SmtpServerExtension(TlsMode.STARTTLS, null, null, List.of(), ServiceExtensions.fromSystemProperty(),
                false);
    }

    /** SMTPS: TLS from the first byte (GreenMail). */
    public static SmtpServerExtension implicitTls() {
        return new SmtpServerExtension(TlsMode.IMPLICIT, null, null, List.of(), ServiceExtensions.fromSystemProperty(),
                false);
    }

    /**
     * The same server with an account; {@link #layer()} then enables AUTH with these credentials. For XOAUTH2 on
     * GreenMail, the password is the access token the server accepts.
     */
    public SmtpServerExtension withUser(String user, String password) {
        return new SmtpServerExtension(tls, Objects.requireNonNull(user, "user"),
                Objects.requireNonNull(password, "password"), faults.faults(), extensions, greenMailPipelining);
    }

    /**
     * The same server with one more fault; faults given earlier take precedence where several match a command.
     * The server becomes the test kit's own (see above).
     *
     * @throws NullPointerException when {@code fault} is null
     * @throws IllegalStateException after {@link #withGreenMailPipelining()}
     */
    public SmtpServerExtension withFault(SmtpFault fault) {
        List<SmtpFault> more = new ArrayList<>(faults.faults());
        more.add(Objects.requireNonNull(fault, "fault"));
        return new SmtpServerExtension(tls, user, password, more, extensions, greenMailPipelining);
    }

    /**
     * The same server offering PIPELINING (RFC 2920): it reads commands sent in groups, answers them in order and
     * writes the replies to a group in one write, once its input holds no further complete command (without
     * pipelining it writes each reply as soon as it is due). Faults apply to each command of a group as they do
     * one at a time. The server becomes the test kit's own (see above).
     *
     * @throws IllegalStateException after {@link #withGreenMailPipelining()}
     */
    public SmtpServerExtension withPipelining() {
        return new SmtpServerExtension(tls, user, password, faults.faults(),
                new ServiceExtensions(true, extensions.chunking()), greenMailPipelining);
    }

    /**
     * The same server offering CHUNKING (RFC 3030): besides DATA it accepts {@code BDAT <size> [LAST]}, reads
     * exactly that many octets as they are (no dot-unstuffing) and answers each chunk. {@code LAST} ends the message,
     * which is recorded as one sent with DATA is (without one final line break, with the same recipients) and is
     * refused by an {@link SmtpFault#endOfData()} fault. A BDAT without an accepted MAIL ({@code 503}) or recipient
     * ({@code 554}) has its octets read and ends the transaction, so pipelined chunks after it are read and refused
     * too; RSET discards the chunks received. The server becomes the test kit's own (see above).
     *
     * @throws IllegalStateException after {@link #withGreenMailPipelining()}
     */
    public SmtpServerExtension withChunking() {
        return new SmtpServerExtension(tls, user, password, faults.faults(),
                new ServiceExtensions(extensions.pipelining(), true), greenMailPipelining);
    }

    /**
     * The same GreenMail server ({@link #plain()} or {@link #implicitTls()}) with PIPELINING in its EHLO reply:
     * GreenMail reads a pipelined group (MAIL, RCPT..., DATA in one write) and answers each command in order, one
     * write per reply line, but does not offer PIPELINING by itself. For interoperability tests against GreenMail
     * as it is; SubEthaSMTP ({@link #startTls()}) has no supported way to offer it.
     *
     * @throws IllegalStateException for {@link #startTls()}, or with faults, {@link #withPipelining()} or
     *     {@link #withChunking()}, which run the test kit's own server
     */
    public SmtpServerExtension withGreenMailPipelining() {
        ServiceExtensions asked = extensions.equals(ServiceExtensions.fromSystemProperty()) ? ServiceExtensions.NONE
                : extensions;
        return new SmtpServerExtension(tls, user, password, faults.faults(), asked, true);
    }

    /** Starts the server, with a new certificate for the TLS modes. */
    public synchronized SmtpServerExtension start() {
        if (server != null) {
            return this;
        }
        try {
            directory = Files.createTempDirectory("notify-smtp-test");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the trust store", e);
        }
        if (tls != TlsMode.NONE) {
            certificate = TestCertificate.forLocalhost();
            trustStore = certificate.writeTrustStore(directory.resolve("trust-store.p12"), TRUST_STORE_PASSWORD);
        }
        faults.reset();
        SSLContext serverContext = certificate == null ? null : certificate.serverContext();
        TestSmtpServer created = !faults.isEmpty() || extensions.any()
                ? new FaultInjectingServer(new SessionSetup(tls, serverContext, user, password, faults, extensions,
                        inbox, Pause.SLEEP))
                : switch (tls) {
                    case NONE -> new GreenMailServer(false, null, inbox, user, password, greenMailPipelining);
                    case IMPLICIT -> new GreenMailServer(true, serverContext, inbox, user, password,
                            greenMailPipelining);
                    case STARTTLS -> new SubEthaServer(serverContext, inbox, user, password);
                };
        port = created.start();
        server = created;
        return this;
    }

    /** Stops the server and deletes the trust store. Idempotent. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop();
            server = null;
        }
        if (directory != null) {
            try {
                if (trustStore != null) {
                    Files.deleteIfExists(trustStore);
                }
                Files.deleteIfExists(directory);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + directory, e);
            }
            directory = null;
        }
        inbox.clear();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (perClass) {
            inbox.clear();
            faults.reset();
        } else {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            close();
        }
    }

    /** The host to connect to: {@code 127.0.0.1}. */
    public String host() {
        return "127.0.0.1";
    }

    /** The port the server listens on. */
    public synchronized int port() {
        requireStarted();
        return port;
    }

    /** The server's certificate; empty for {@link #plain()}. */
    public synchronized java.util.Optional<TestCertificate> certificate() {
        requireStarted();
        return java.util.Optional.ofNullable(certificate);
    }

    /**
     * Global settings that send through this server: {@code email.enabled}, {@code email.sender} ({@link #SENDER}),
     * {@code email.delivery-method=smtp}, host, port, TLS mode, the trust store and, with a user, AUTH.
     * Change keys with {@code Layer.builder(smtp.layer())}.
     */
    public synchronized Layer layer() {
        requireStarted();
        Layer.Builder b = Layer.builder();
        properties().forEach(b::set);
        return b.build();
    }

    /**
     * The settings of {@link #layer()} as properties, with their values written out (the password included): to
     * write a settings file for the CLI or a child process.
     */
    public synchronized Map<String, String> properties() {
        requireStarted();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("email.enabled", "true");
        p.put("email.delivery-method", "smtp");
        p.put("email.sender", SENDER);
        p.put("email.smtp.host", host());
        p.put("email.smtp.port", Integer.toString(port));
        p.put("email.smtp.tls", tls.id);
        if (trustStore != null) {
            p.put("email.smtp.trust-store", trustStore.toString());
            p.put("email.smtp.trust-store-password", TRUST_STORE_PASSWORD);
        }
        if (user != null) {
            p.put("email.smtp.auth.enabled", "true");
            p.put("email.smtp.auth.username", user);
            p.put("email.smtp.auth.password", password);
        }
        return p;
    }

    /**
     * The connections the server accepted since it started (with a server shared by a test class: since the test
     * started), those it refused or dropped included. The count is taken when a connection is accepted, before
     * the greeting.
     */
    public int connections() {
        return inbox.connections();
    }

    /** The messages received so far, decoded; Bcc holds envelope recipients that no header names. */
    public List<EmailMessage> messages() {
        return inbox.all().stream().map(MimeDecoder::decode).toList();
    }

    /**
     * Waits until at least {@code count} messages have arrived and returns all of them, decoded.
     *
     * @throws AssertionError when fewer arrive within {@code timeout}
     */
    public List<EmailMessage> awaitMessages(int count, Duration timeout) {
        return inbox.await(count, timeout).stream().map(MimeDecoder::decode).toList();
    }

    /** The messages received so far exactly as transferred (headers and body), for checks of the MIME itself. */
    public List<String> rawMessages() {
        return inbox.all().stream().map(r -> new String(r.raw(), StandardCharsets.UTF_8)).toList();
    }

    private void requireStarted() {
        if (server == null) {
            throw new IllegalStateException("the SMTP server is not running: register the extension with "
                    + "@RegisterExtension or call start()");
        }
    }

    @Override
    public String toString() {
        return "SmtpServerExtension[" + tls.id + (user == null ? "" : ", user " + user)
                + (extensions.pipelining() ? ", pipelining" : "") + (extensions.chunking() ? ", chunking" : "")
                + (greenMailPipelining ? ", GreenMail with PIPELINING" : "")
                + (faults.isEmpty() ? "" : ", faults " + faults.faults())
                + (server == null ? ", stopped" : ", port " + port) + "]";
    }
}
