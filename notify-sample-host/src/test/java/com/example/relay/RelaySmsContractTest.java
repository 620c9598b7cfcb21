package com.example.relay;

import com.sun.net.httpserver.HttpServer;
import dev.notify.message.SmsMessage;
import dev.notify.settings.Layer;
import dev.notify.settings.SettingsSchema;
import dev.notify.spi.SenderProvider;
import dev.notify.testkit.contract.SmsSenderContractTest;
import dev.notify.testkit.contract.SmsSenderHarness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The README's complete {@link RelaySmsProvider}, as written, passes the test kit's SMS contract. */
class RelaySmsContractTest extends SmsSenderContractTest {

    private static final String KEY = "relay-key-7f3a";

    @Override
    protected SmsSenderHarness createHarness() {
        return new RelayHarness();
    }

    /** A relay on loopback that records what it accepted and answers the next request as told. */
    private static final class RelayHarness implements SmsSenderHarness {
        private static final Pattern BODY = Pattern.compile("\\{\"to\":\"(.*)\",\"text\":\"(.*)\"}", Pattern.DOTALL);

        private final RelaySmsProvider provider = new RelaySmsProvider();
        private final List<SmsMessage> received = new CopyOnWriteArrayList<>();
        private final Queue<int[]> answers = new ArrayDeque<>();
        private final HttpServer relay;

        RelayHarness() {
            try {
                relay = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            relay.createContext("/send", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int[] answer;
                synchronized (answers) {
                    answer = answers.poll();
                }
                if (answer == null) {
                    Matcher m = BODY.matcher(body);
                    if (m.matches()) {
                        received.add(SmsMessage.of(m.group(1), unescape(m.group(2))));
                    }
                    exchange.sendResponseHeaders(202, -1);
                } else {
                    if (answer[1] > 0) {
                        exchange.getResponseHeaders().set("Retry-After", Integer.toString(answer[1]));
                    }
                    exchange.sendResponseHeaders(answer[0], -1);
                }
                exchange.close();
            });
            relay.setExecutor(null);
            relay.start();
        }

        private static String unescape(String json) {
            return json.replace("\\n", "\n").replace("\\r", "\r").replace("\\\"", "\"").replace("\\\\", "\\");
        }

        private void answerNext(int status, int retryAfterSeconds) {
            synchronized (answers) {
                answers.add(new int[] {status, retryAfterSeconds});
            }
        }

        @Override
        public SenderProvider provider() {
            return provider;
        }

        @Override
        public Layer settings() {
            return Layer.builder(SettingsSchema.of(List.of(provider)))
                    .set("sms.enabled", "true")
                    .set("sms.delivery-method", "relay")
                    .set("sms.relay.url", "http://127.0.0.1:" + relay.getAddress().getPort() + "/send")
                    .set("sms.relay.api-key", KEY)
                    .build();
        }

        @Override
        public void failNextSendTransiently() {
            answerNext(503, 0);
        }

        @Override
        public void failNextSendPermanently() {
            answerNext(400, 0);
        }

        @Override
        public void throttleNextSend(Duration retryAfter) {
            answerNext(429, (int) retryAfter.toSeconds());
        }

        @Override
        public List<SmsMessage> received() {
            return List.copyOf(received);
        }

        @Override
        public Set<String> secrets() {
            return Set.of(KEY);
        }

        @Override
        public void close() {
            relay.stop(0);
        }
    }
}
