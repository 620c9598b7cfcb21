package dev.notify.smtp.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.function.Consumer;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;

/**
 * Plain sockets with TCP_NODELAY, for {@code mail.smtp.socketFactory}. Angus asks for an unconnected socket and
 * connects it itself with the connect timeout. Each socket recognises a server that expects implicit TLS (see
 * {@link SmtpsDetectingSocket}); Angus uses this factory only when TLS does not start at the first byte. Each socket
 * made is handed to the observer.
 */
final class NoDelaySocketFactory extends SocketFactory {

    private final SSLContext tls;
    private final Duration probeTimeout;
    private final Consumer<Socket> observer;

    /**
     * @param tls          makes the ClientHello of the probe for an implicit-TLS server
     * @param probeTimeout how long that probe waits for the server's answer
     * @param observer     gets every socket made
     */
    NoDelaySocketFactory(SSLContext tls, Duration probeTimeout, Consumer<Socket> observer) {
        this.tls = tls;
        this.probeTimeout = probeTimeout;
        this.observer = observer;
    }

    @Override
    public Socket createSocket() throws IOException {
        Socket socket = new SmtpsDetectingSocket(tls, probeTimeout);
        socket.setTcpNoDelay(true);
        observer.accept(socket);
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        throw unconnectedOnly();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        throw unconnectedOnly();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        throw unconnectedOnly();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        throw unconnectedOnly();
    }

    private static IOException unconnectedOnly() {
        return new IOException("only unconnected sockets are made here, so that the connect timeout applies");
    }
}
