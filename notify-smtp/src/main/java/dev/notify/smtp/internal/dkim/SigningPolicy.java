package dev.notify.smtp.internal.dkim;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What is signed and how: the header fields to sign where present (From is always signed, and signed once more
 * than it occurs so that no From can be added), the canonicalization of header and body, and how long a
 * signature is valid ({@code x=}), if limited.
 *
 * @param headers the names of the fields to sign, in the order of {@code h=}; must contain From
 * @param header  the header canonicalization
 * @param body    the body canonicalization
 * @param expiry  how long after signing the signature expires; empty for no {@code x=}
 */
public record SigningPolicy(List<String> headers, Canonicalization header, Canonicalization body,
        Optional<Duration> expiry) {

    /** The fields signed by default, where present. */
    public static final List<String> DEFAULT_HEADERS = List.of("From", "To", "Cc", "Subject", "Date", "Message-ID",
            "Reply-To", "MIME-Version", "Content-Type");

    public SigningPolicy {
        headers = List.copyOf(headers);
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(expiry, "expiry");
        if (headers.stream().noneMatch(h -> h.equalsIgnoreCase("From"))) {
            throw new IllegalArgumentException("the signed header fields must include From (RFC 6376 5.4)");
        }
        for (String h : headers) {
            if (h.isEmpty() || !h.chars().allMatch(c -> c > ' ' && c < 127 && c != ':')) {
                throw new IllegalArgumentException("not a header field name: '" + h + "'");
            }
        }
        if (headers.stream().map(h -> h.toLowerCase(Locale.ROOT)).distinct().count() != headers.size()) {
            throw new IllegalArgumentException("a header field is named twice in " + headers);
        }
        expiry.ifPresent(e -> {
            if (e.isNegative() || e.isZero()) {
                throw new IllegalArgumentException("the expiry must be longer than zero");
            }
        });
    }

    /** relaxed/relaxed, the default headers and no expiry. */
    public static SigningPolicy defaults() {
        return new SigningPolicy(DEFAULT_HEADERS, Canonicalization.RELAXED, Canonicalization.RELAXED, Optional.empty());
    }
}
