package dev.notify.testkit.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/** SubEthaSMTP with required STARTTLS (GreenMail has no STARTTLS): MAIL is refused before the handshake. */
final class SubEthaServer implements TestSmtpServer {

    private final SSLContext sslContext;
    private final Inbox inbox;
    private final String user;
    private final String password;
    private SMTPServer server;

    SubEthaServer(SSLContext sslContext, Inbox inbox, String user, String password) {
        this.sslContext = sslContext;
        this.inbox = inbox;
        this.user = user;
        this.password = password;
    }

    @Override
    public int start() {
        SMTPServer.Builder builder = SMTPServer.port(0)
                .bindAddress(InetAddress.getLoopbackAddress())
                .hostName("localhost")
                .enableTLS()
                .requireTLS()
                .startTlsSocketFactory(sslContext)
                .messageHandlerFactory(this::handler)
                .sessionHandler(new CountingSessions());
        if (user != null) {
            builder.authenticationHandlerFactory(new EasyAuthenticationHandlerFactory(this::login)).requireAuth();
        }
        server = builder.build();
        server.start();
        return server.getPortAllocated();
    }

    private void login(String name, String secret, MessageContext context) throws LoginFailedException {
        if (!user.equals(name) || !Objects.equals(password, secret)) {
            throw new LoginFailedException("authentication credentials invalid");
        }
    }

    private MessageHandler handler(MessageContext context) {
        List<String> recipients = new ArrayList<>();
        return new MessageHandler() {
            @Override
            public void from(String from) {
            }

            @Override
            public void recipient(String recipient) {
                recipients.add(recipient);
            }

            @Override
            public String data(InputStream data) throws IOException {
                inbox.add(Inbox.withoutFinalLineBreak(data.readAllBytes()), recipients);
                return null;
            }

            @Override
            public void done() {
            }
        };
    }

    /** Counts the connections the server accepts. */
    private final class CountingSessions implements SessionHandler {
        @Override
        public SessionHandler.SessionAcceptance accept(Session session) {
            inbox.connectionOpened();
            return SessionHandler.SessionAcceptance.success();
        }

        @Override
        public void onSessionEnd(Session session) {
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
