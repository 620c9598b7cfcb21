package dev.notify.smtp.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * A plain socket that recognises a server expecting TLS from the first byte (SMTPS, usually port 465): such a
 * server waits for a TLS ClientHello and never sends the SMTP greeting a plain or STARTTLS client waits for.
 * When the first read times out before the server sent anything, this socket sends a ClientHello on the same
 * connection and reads the first bytes of the answer; a TLS record (handshake or alert) turns the timeout into an
 * {@link ImplicitTlsPortException}. Any other answer, or none within {@code probeTimeout}, leaves the timeout as
 * it was.
 *
 * <p>Not threadsafe beyond {@link Socket}: one thread reads it at a time, as Angus does.
 */
final class SmtpsDetectingSocket extends Socket {

    private static final int TLS_HANDSHAKE = 0x16;
    private static final int TLS_ALERT = 0x15;
    private static final int TLS_MAJOR_VERSION = 0x03;

    private final SSLContext tls;
    private final Duration probeTimeout;
    private boolean heardFromServer;
    private boolean probed;
    private InputStream in;

    SmtpsDetectingSocket(SSLContext tls, Duration probeTimeout) {
        this.tls = tls;
        this.probeTimeout = probeTimeout;
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (in == null) {
            in = new FirstReadWatch(super.getInputStream());
        }
        return in;
    }

    private IOException silence(SocketTimeoutException timeout) {
        if (heardFromServer || probed) {
            return timeout;
        }
        probed = true;
        return answersTlsHandshake() ? new ImplicitTlsPortException(timeout) : timeout;
    }

    private boolean answersTlsHandshake() {
        try {
            SSLEngine engine = tls.createSSLEngine(getInetAddress().getHostAddress(), getPort());
            engine.setUseClientMode(true);
            ByteBuffer hello = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            engine.beginHandshake();
            engine.wrap(ByteBuffer.allocate(0), hello);
            hello.flip();
            OutputStream out = super.getOutputStream();
            out.write(hello.array(), hello.arrayOffset(), hello.limit());
            out.flush();
            int readTimeout = getSoTimeout();
            setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, probeTimeout.toMillis())));
            try {
                InputStream raw = super.getInputStream();
                int type = raw.read();
                int major = raw.read();
                return (type == TLS_HANDSHAKE || type == TLS_ALERT) && major == TLS_MAJOR_VERSION;
            } finally {
                setSoTimeout(readTimeout);
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Notes whether the server has sent anything, and asks the probe on a timeout before it has. */
    private final class FirstReadWatch extends FilterInputStream {

        FirstReadWatch(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                int b = super.read();
                heardFromServer |= b >= 0;
                return b;
            } catch (SocketTimeoutException e) {
                throw silence(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = super.read(b, off, len);
                heardFromServer |= n > 0;
                return n;
            } catch (SocketTimeoutException e) {
                throw silence(e);
            }
        }
    }

    /**
     * The server sent no greeting within the read timeout and answered a TLS ClientHello: it expects implicit TLS.
     * A {@link SocketTimeoutException}, so that whoever does not look for it sees the timeout it replaces.
     */
    static final class ImplicitTlsPortException extends SocketTimeoutException {

        private static final long serialVersionUID = 1L;

        ImplicitTlsPortException(SocketTimeoutException timeout) {
            super("no greeting within the read timeout, and the server answered a TLS handshake");
            initCause(timeout);
        }
    }
}
