package dev.notify.testkit.sms;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What a stub's test asked for and what it received. This class is threadsafe. */
final class StubState {

    private final Deque<SmsFault> sendFaults = new ArrayDeque<>();
    private final Deque<SmsFault> checkFaults = new ArrayDeque<>();
    final List<SmsRequest> requests = new CopyOnWriteArrayList<>();
    final List<SentSms> sent = new CopyOnWriteArrayList<>();

    synchronized void reset() {
        sendFaults.clear();
        checkFaults.clear();
        requests.clear();
        sent.clear();
    }

    synchronized void addFaults(SmsRequest.Endpoint endpoint, int count, SmsFault fault) {
        Deque<SmsFault> queue = endpoint == SmsRequest.Endpoint.SEND ? sendFaults : checkFaults;
        for (int i = 0; i < count; i++) {
            queue.add(fault);
        }
    }

    synchronized SmsFault nextFault(SmsRequest.Endpoint endpoint) {
        return switch (endpoint) {
            case SEND -> sendFaults.poll();
            case CHECK -> checkFaults.poll();
            case UNKNOWN -> null;
        };
    }
}
