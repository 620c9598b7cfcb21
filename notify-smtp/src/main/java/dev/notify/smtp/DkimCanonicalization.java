package dev.notify.smtp;

import java.util.Locale;

/**
 * The DKIM canonicalization of header and body ({@code c=}, RFC 6376 section 3.4); the value of
 * {@code email.smtp.dkim.canonicalization}. Relaxed survives the re-folding and white space changes of relays;
 * simple breaks on them.
 */
public enum DkimCanonicalization {
    RELAXED_RELAXED, RELAXED_SIMPLE, SIMPLE_RELAXED, SIMPLE_SIMPLE;

    /** The value as written in settings and in {@code c=}: {@code relaxed/relaxed}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '/');
    }

    /** Whether header fields are canonicalized with relaxed (else simple). */
    public boolean relaxedHeader() {
        return this == RELAXED_RELAXED || this == RELAXED_SIMPLE;
    }

    /** Whether the body is canonicalized with relaxed (else simple). */
    public boolean relaxedBody() {
        return this == RELAXED_RELAXED || this == SIMPLE_RELAXED;
    }
}
