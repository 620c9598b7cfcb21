package dev.notify.testkit.sms;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * One status callback (delivery receipt) a service stub sends to the host: the URL, the headers (signature
 * included) and the body, exactly as the service would send them.
 *
 * <p>{@link #toString()} shows the method and URL path only. This class is immutable and threadsafe.
 *
 * @param method  {@code POST}
 * @param url     where it goes: the callback URL the send gave the service, or the one the test chose
 * @param headers the headers, names as the service writes them
 * @param body    the body
 * @param status  the service's status word it reports ({@code delivered}, {@code DELIVERED})
 */
public record StatusCallback(String method, URI url, Map<String, String> headers, byte[] body, String status) {

    public StatusCallback {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        headers = Map.copyOf(headers);
        body = body.clone();
        Objects.requireNonNull(status, "status");
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public String toString() {
        return "StatusCallback[" + method + " " + url.getPath() + " " + status + "]";
    }
}
