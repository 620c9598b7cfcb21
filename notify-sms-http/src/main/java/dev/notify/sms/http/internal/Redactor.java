package dev.notify.sms.http.internal;

import dev.notify.settings.Secret;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Masks secret values in text that came from a server (an error body, a message), before it goes into an
 * exception or a report: a relay that echoes its request would otherwise put a token in front of the caller.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class Redactor {

    private static final int SHORTEST = 4;

    private final List<String> secrets;

    private Redactor(List<String> secrets) {
        this.secrets = secrets;
    }

    /** Masks each of {@code secrets} (values shorter than four characters are left alone: they would mask noise). */
    public static Redactor of(Collection<String> secrets) {
        List<String> sorted = new ArrayList<>();
        secrets.stream().filter(s -> s != null && s.length() >= SHORTEST).distinct().forEach(sorted::add);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return new Redactor(List.copyOf(sorted));
    }

    public String redact(String text) {
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, Secret.MASK);
        }
        return out;
    }

    /** The first {@code max} characters of {@code text}, redacted, on one line, with "..." when cut. */
    public String excerpt(String text, int max) {
        String redacted = redact(text).replaceAll("[\\p{Cntrl}&&[^\t]]+", " ").strip();
        return redacted.length() <= max ? redacted : redacted.substring(0, max) + "...";
    }
}
