package dev.notify.sms.http;

import dev.notify.DeliveryEvent;
import dev.notify.Notifier;
import dev.notify.SendEvent;
import dev.notify.SendListener;
import dev.notify.settings.Layer;
import dev.notify.settings.Settings;
import dev.notify.testkit.sms.SmsServiceExtension;
import dev.notify.web.jdk.JdkWebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A host of delivery receipts for tests: the JDK HTTP server on loopback serving {@link DeliveryReceiptHandler}, and
 * a notifier sending through a stub with {@code sms.receipts.public-base-url} pointing at that server.
 */
final class ReceiptHost implements AutoCloseable {

    final List<DeliveryEvent> deliveries = new CopyOnWriteArrayList<>();
    final List<SendEvent> sends = new CopyOnWriteArrayList<>();
    final CountDownLatch sent;
    final JdkWebServer server;
    final Notifier notifier;
    final DeliveryReceiptHandler handler;

    ReceiptHost(SmsServiceExtension stub, Clock clock, int threads) {
        this(stub, clock, threads, 1);
    }

    /** A host whose {@link #sent} opens after {@code delivered} messages were delivered to the stub. */
    ReceiptHost(SmsServiceExtension stub, Clock clock, int threads, int delivered) {
        sent = new CountDownLatch(delivered);
        AtomicReference<DeliveryReceiptHandler> mounted = new AtomicReference<>();
        try {
            server = JdkWebServer.builder(request -> mounted.get().handle(request)).threads(threads).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Layer layer = Layer.builder(stub.layer())
                .set("sms.receipts.public-base-url", server.uri().toString())
                .build();
        notifier = Notifier.builder().settings(Settings.of(layer)).clock(clock).listener(new SendListener() {
            @Override
            public void onEvent(SendEvent event) {
                sends.add(event);
                if (event.kind() == SendEvent.Kind.DELIVERED) {
                    sent.countDown();
                }
            }

            @Override
            public void onDelivery(DeliveryEvent event) {
                deliveries.add(event);
            }
        }).build();
        handler = DeliveryReceiptHandler.create(notifier);
        mounted.set(handler);
    }

    @Override
    public void close() {
        notifier.close();
        server.close();
    }
}
