package dev.notify.benchmarks.harness;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** How the sink is reached. */
public enum Mode {
    /** Plain SMTP, no authentication. */
    PLAIN("plain", false, Duration.ZERO),
    /** STARTTLS (certificate and host name verified) and AUTH PLAIN. */
    STARTTLS_AUTH("starttls-auth", true, Duration.ZERO),
    /** Plain SMTP with 2 ms added before each batch of server replies, as a relay across a network. */
    PLAIN_2MS("plain-2ms", false, Duration.ofMillis(2));

    private final String id;
    private final boolean secure;
    private final Duration replyDelay;

    Mode(String id, boolean secure, Duration replyDelay) {
        this.id = id;
        this.secure = secure;
        this.replyDelay = replyDelay;
    }

    public String id() {
        return id;
    }

    /** STARTTLS and AUTH. */
    public boolean secure() {
        return secure;
    }

    public Duration replyDelay() {
        return replyDelay;
    }

    public static Mode byId(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown mode " + id + "; known: "
                        + Arrays.stream(values()).map(Mode::id).toList()));
    }

    public static List<Mode> parse(String ids) {
        return Arrays.stream(ids.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Mode::byId).toList();
    }
}
