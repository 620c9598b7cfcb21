package dev.notify.testkit.smtp;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The test kit's own SMTP server, for faults GreenMail and SubEthaSMTP cannot inject and for PIPELINING and
 * CHUNKING as a test asks: a thread per connection on a loopback {@link ServerSocket}, each running an
 * {@link SmtpSession} that speaks EHLO/HELO, STARTTLS, AUTH (PLAIN, LOGIN, XOAUTH2), MAIL, RCPT, DATA with
 * dot-unstuffing, BDAT, RSET, NOOP and QUIT, and records accepted mail into the {@link Inbox} like the others.
 */
final class FaultInjectingServer implements TestSmtpServer {

    private final SessionSetup setup;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Set<Thread> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sessionCount = new AtomicInteger();
    private ServerSocket serverSocket;
    private Thread acceptor;

    FaultInjectingServer(SessionSetup setup) {
        this.setup = setup;
    }

    @Override
    public synchronized int start() {
        try {
            serverSocket = setup.tls() == TlsMode.IMPLICIT
                    ? setup.sslContext().getServerSocketFactory()
                            .createServerSocket(0, 50, InetAddress.getLoopbackAddress())
                    : new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a loopback port for the SMTP server", e);
        }
        int port = serverSocket.getLocalPort();
        acceptor = new Thread(() -> acceptLoop(serverSocket), "notify-testkit-smtp-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
        return port;
    }

    @Override
    public synchronized void stop() {
        if (serverSocket == null) {
            return;
        }
        closeQuietly(serverSocket);
        open.forEach(FaultInjectingServer::closeQuietly);
        sessions.forEach(Thread::interrupt);
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        serverSocket = null;
    }

    private void acceptLoop(ServerSocket listening) {
        while (!listening.isClosed()) {
            Socket socket;
            try {
                socket = listening.accept();
            } catch (IOException e) {
                return;
            }
            setup.inbox().connectionOpened();
            open.add(socket);
            Thread session = new Thread(() -> serve(socket),
                    "notify-testkit-smtp-session-" + sessionCount.incrementAndGet());
            session.setDaemon(true);
            sessions.add(session);
            session.start();
        }
    }

    private void serve(Socket socket) {
        SmtpSession session = null;
        try {
            session = new SmtpSession(socket, setup, open::add);
            session.run();
        } catch (IOException e) {
            // The client went away, or the server is stopping.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (session != null) {
                open.remove(session.socket());
                closeQuietly(session.socket());
            }
            open.remove(socket);
            closeQuietly(socket);
            sessions.remove(Thread.currentThread());
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // Closing anyway.
        }
    }
}
