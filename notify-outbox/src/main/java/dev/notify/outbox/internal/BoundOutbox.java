package dev.notify.outbox.internal;

import dev.notify.message.EmailMessage;
import dev.notify.message.SmsMessage;
import dev.notify.outbox.ServerOutbox;
import dev.notify.outbox.spi.Journal;
import java.util.Optional;

/** The outbox of one server (or of the global settings, {@code server} null): what {@link DefaultOutbox} hands out. */
final class BoundOutbox implements ServerOutbox {

    private final DefaultOutbox outbox;
    private final Journal journal;
    private final String server;

    BoundOutbox(DefaultOutbox outbox, Journal journal, String server) {
        this.outbox = outbox;
        this.journal = journal;
        this.server = server;
    }

    @Override
    public Optional<String> serverId() {
        return Optional.ofNullable(server);
    }

    @Override
    public String enqueueEmail(EmailMessage message) {
        return outbox.enqueue(server, message);
    }

    @Override
    public String enqueueSms(SmsMessage message) {
        return outbox.enqueue(server, message);
    }

    @Override
    public void pause() {
        journal.pause(server == null ? Journal.GLOBAL : server);
    }

    @Override
    public void resume() {
        journal.resume(server == null ? Journal.GLOBAL : server);
        outbox.requestPoll();
    }

    @Override
    public String toString() {
        return "ServerOutbox[" + (server == null ? "global" : server) + "]";
    }
}
