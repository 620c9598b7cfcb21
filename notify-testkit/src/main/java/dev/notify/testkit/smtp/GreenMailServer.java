package dev.notify.testkit.smtp;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpHandler;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * GreenMail for plain SMTP and SMTPS. GreenMail stores one copy per recipient; the recording SMTP manager
 * records each transaction once, as received. For SMTPS the server socket comes from the test certificate's
 * context instead of GreenMail's bundled key store (whose certificate names no host). With {@code pipelining},
 * the EHLO reply offers PIPELINING ({@link GreenMailPipelining}).
 */
final class GreenMailServer implements TestSmtpServer {

    private final boolean implicitTls;
    private final SSLContext sslContext;
    private final Inbox inbox;
    private final String user;
    private final String password;
    private final boolean pipelining;
    private RecordingGreenMail greenMail;

    GreenMailServer(boolean implicitTls, SSLContext sslContext, Inbox inbox, String user, String password,
            boolean pipelining) {
        this.implicitTls = implicitTls;
        this.sslContext = sslContext;
        this.inbox = inbox;
        this.user = user;
        this.password = password;
        this.pipelining = pipelining;
    }

    @Override
    public int start() {
        ServerSetup setup = new ServerSetup(0, "127.0.0.1",
                implicitTls ? ServerSetup.PROTOCOL_SMTPS : ServerSetup.PROTOCOL_SMTP);
        greenMail = new RecordingGreenMail(setup, implicitTls ? sslContext : null, inbox, pipelining);
        greenMail.start();
        if (user != null) {
            greenMail.setUser(user, user, password);
        }
        return (implicitTls ? greenMail.getSmtps() : greenMail.getSmtp()).getPort();
    }

    @Override
    public void stop() {
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
        }
    }

    private static final class RecordingGreenMail extends GreenMail {
        private final SSLContext sslContext;
        private final Inbox inbox;
        private final boolean pipelining;

        RecordingGreenMail(ServerSetup setup, SSLContext sslContext, Inbox inbox, boolean pipelining) {
            super(setup);
            this.sslContext = sslContext;
            this.inbox = inbox;
            this.pipelining = pipelining;
            this.managers = new RecordingManagers(inbox);
        }

        @Override
        protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
            Map<String, AbstractServer> services = new HashMap<>();
            for (ServerSetup setup : config) {
                services.put(setup.getProtocol(),
                        new CountingSmtpServer(setup, managers, sslContext, inbox, pipelining));
            }
            return services;
        }
    }

    /**
     * Counts the connections it accepts; for SMTPS, listens with the given TLS context; with pipelining, speaks
     * {@link GreenMailPipelining}'s commands.
     */
    private static final class CountingSmtpServer extends SmtpServer {
        private final SSLContext sslContext;
        private final Inbox inbox;
        private final boolean pipelining;

        CountingSmtpServer(ServerSetup setup, Managers managers, SSLContext sslContext, Inbox inbox,
                boolean pipelining) {
            super(setup, managers);
            this.sslContext = sslContext;
            this.inbox = inbox;
            this.pipelining = pipelining;
        }

        @Override
        protected ProtocolHandler createProtocolHandler(Socket clientSocket) {
            inbox.connectionOpened();
            return pipelining
                    ? new SmtpHandler(new GreenMailPipelining(), managers.getSmtpManager(), clientSocket)
                    : super.createProtocolHandler(clientSocket);
        }

        @Override
        protected ServerSocket openServerSocket() throws IOException {
            if (sslContext == null) {
                return super.openServerSocket();
            }
            ServerSocket socket = sslContext.getServerSocketFactory().createServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(bindTo, setup.getPort()));
            setup = setup.port(socket.getLocalPort());
            return socket;
        }
    }

    private static final class RecordingManagers extends Managers {
        private final SmtpManager smtpManager;

        RecordingManagers(Inbox inbox) {
            this.smtpManager = new RecordingSmtpManager(getImapHostManager(), getUserManager(), inbox);
        }

        @Override
        public SmtpManager getSmtpManager() {
            return smtpManager;
        }
    }

    private static final class RecordingSmtpManager extends SmtpManager {
        private final Inbox inbox;

        RecordingSmtpManager(ImapHostManager imapHostManager, UserManager userManager, Inbox inbox) {
            super(imapHostManager, userManager);
            this.inbox = inbox;
        }

        @Override
        public synchronized void send(SmtpState state) {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            try {
                state.getMessage().getMessage().writeTo(raw);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (MessagingException e) {
                throw new IllegalStateException("cannot read the received message", e);
            }
            super.send(state);
            inbox.add(raw.toByteArray(),
                    state.getMessage().getToAddresses().stream().map(MailAddress::getEmail).toList());
        }
    }
}
