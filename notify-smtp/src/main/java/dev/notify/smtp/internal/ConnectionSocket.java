package dev.notify.smtp.internal;

import java.net.Socket;
import java.util.function.Consumer;

/**
 * The socket one connection ends up on, told by the session's socket factories as Angus has them make sockets:
 * the plain socket first, then the TLS socket layered over it for SMTPS or after STARTTLS. The last one told is
 * the one to read and write.
 *
 * <p>Threadsafe for the hand-over from the connecting thread to later users.
 */
final class ConnectionSocket implements Consumer<Socket> {

    private volatile Socket socket;

    @Override
    public void accept(Socket made) {
        socket = made;
    }

    Socket get() {
        Socket s = socket;
        if (s == null) {
            throw new IllegalStateException("the connection has no socket yet");
        }
        return s;
    }
}
