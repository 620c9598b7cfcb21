package dev.notify.sms.http.internal;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a response body as text, at most {@code max} bytes of it: the rest is not read and the connection is
 * dropped, so a misbehaving server cannot make a sender buffer without bound. Decodes with the charset of the
 * {@code Content-Type} header, UTF-8 by default; malformed input is replaced, never fatal.
 *
 * <p>Each instance reads one response; it is called by the HTTP client's threads one signal at a time.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<BoundedBody.Text> {

    /** A body's text, and whether it was cut at the limit. */
    record Text(String value, boolean truncated) {
    }

    private final int max;
    private final Charset charset;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<Text> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    private BoundedBody(int max, Charset charset) {
        this.max = max;
        this.charset = charset;
    }

    /** A handler that reads each body with a new subscriber of at most {@code max} bytes. */
    static HttpResponse.BodyHandler<Text> handler(int max) {
        return info -> new BoundedBody(max, charset(info.headers().firstValue("Content-Type").orElse("")));
    }

    @Override
    public CompletionStage<Text> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        for (ByteBuffer item : items) {
            int room = max - bytes.size();
            if (item.remaining() > room) {
                byte[] part = new byte[room];
                item.get(part);
                bytes.writeBytes(part);
                subscription.cancel();
                result.complete(new Text(bytes.toString(charset), true));
                return;
            }
            byte[] all = new byte[item.remaining()];
            item.get(all);
            bytes.writeBytes(all);
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        result.complete(new Text(bytes.toString(charset), false));
    }

    private static Charset charset(String contentType) {
        for (String parameter : contentType.split(";")) {
            String p = parameter.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                String name = p.substring("charset=".length()).replace("\"", "").strip();
                try {
                    return Charset.forName(name);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
