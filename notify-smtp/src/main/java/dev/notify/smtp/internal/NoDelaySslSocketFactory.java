package dev.notify.smtp.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.function.Consumer;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * TLS sockets layered over the connection Angus made, with TCP_NODELAY on it, for
 * {@code mail.smtp.ssl.socketFactory}. Angus uses this factory for both SMTPS (it connects a plain socket with
 * the connect timeout and layers TLS with {@link #createSocket(Socket, String, int, boolean)}) and STARTTLS (it
 * layers TLS over the open connection the same way). Each TLS socket made is handed to the observer, which a
 * check uses to read the negotiated session.
 */
final class NoDelaySslSocketFactory extends SSLSocketFactory {

    private final SSLSocketFactory delegate;
    private final Consumer<SSLSocket> observer;

    NoDelaySslSocketFactory(SSLSocketFactory delegate, Consumer<SSLSocket> observer) {
        this.delegate = delegate;
        this.observer = observer;
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
        socket.setTcpNoDelay(true);
        return observed(delegate.createSocket(socket, host, port, autoClose));
    }

    @Override
    public Socket createSocket() throws IOException {
        Socket socket = delegate.createSocket();
        socket.setTcpNoDelay(true);
        return observed(socket);
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

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    private Socket observed(Socket socket) {
        if (socket instanceof SSLSocket ssl) {
            observer.accept(ssl);
        }
        return socket;
    }

    private static IOException unconnectedOnly() {
        return new IOException("only layered or unconnected sockets are made here, so that the connect timeout applies");
    }
}
