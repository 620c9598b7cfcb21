package dev.notify.sms.http.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The request headers of {@code sms.webhook.headers}: {@code Name: value} entries separated by {@code ;}, such as
 * {@code Authorization: Bearer ${env:RELAY_TOKEN}; X-Tenant: portal}. The whole setting is a secret, so errors
 * name an entry by its position and header name, never its value.
 *
 * <p>This class is threadsafe.
 */
public final class WebhookHeaders {

    /** One header. */
    public record Header(String name, String value) {
        @Override
        public String toString() {
            return name + ": ********";
        }
    }

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Set<String> RESERVED = Set.of("connection", "content-length", "content-type", "expect",
            "host", "transfer-encoding", "upgrade");

    private WebhookHeaders() {
    }

    /**
     * Reads the headers; an empty text has none.
     *
     * @throws IllegalArgumentException saying which entry is wrong and why, without any value
     */
    public static List<Header> parse(String text) {
        List<Header> headers = new ArrayList<>();
        String[] entries = text.split(";");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("entry " + (i + 1) + " has no ':' between a header name and its "
                        + "value; write 'Name: value' entries separated by ';'");
            }
            String name = entry.substring(0, colon).strip();
            String value = entry.substring(colon + 1).strip();
            if (!TOKEN.matcher(name).matches()) {
                throw new IllegalArgumentException("entry " + (i + 1) + " does not start with a valid header name");
            }
            if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("entry " + (i + 1) + " sets " + name + ", which notify sets itself");
            }
            if (value.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f)) {
                throw new IllegalArgumentException("the value of " + name + " (entry " + (i + 1) + ") contains a "
                        + "control character");
            }
            headers.add(new Header(name, value));
        }
        return List.copyOf(headers);
    }
}
