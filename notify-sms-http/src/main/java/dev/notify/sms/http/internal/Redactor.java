package dev.notify.sms.http.internal;

import dev.notify.json.Json;
import dev.notify.settings.Secret;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Masks secret values in text that came from a server (an error body, a message, an id, an account name) before
 * it goes into an exception, a result or a report: a relay that echoes its request would otherwise put a token in
 * front of the caller. Each secret is masked in every framing a service may quote it in: as configured, each word
 * of a multi-word value after the first (the bare token of {@code Bearer <token>}), JSON-escaped and URL-encoded.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class Redactor {

    private static final int SHORTEST = 4;
    private static final Pattern UNPRINTABLE =
            Pattern.compile("[\\p{Cntrl}\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]+");

    private final List<String> secrets;

    private Redactor(List<String> secrets) {
        this.secrets = secrets;
    }

    /** Masks each of {@code secrets} (values shorter than four characters are left alone: they would mask noise). */
    public static Redactor of(Collection<String> secrets) {
        Set<String> forms = new LinkedHashSet<>();
        for (String secret : secrets) {
            if (secret == null) {
                continue;
            }
            forms.add(secret);
            String[] words = secret.strip().split("\\s+");
            for (int i = 1; i < words.length; i++) {
                forms.add(words[i]);
            }
        }
        Set<String> all = new LinkedHashSet<>();
        for (String form : forms) {
            all.add(form);
            String quoted = Json.quote(form);
            all.add(quoted.substring(1, quoted.length() - 1));
            all.add(quoted.substring(1, quoted.length() - 1).replace("/", "\\/"));
            all.add(URLEncoder.encode(form, StandardCharsets.UTF_8));
        }
        List<String> sorted = all.stream().filter(s -> s.length() >= SHORTEST)
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        return new Redactor(sorted);
    }

    public String redact(String text) {
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, Secret.MASK);
        }
        return out;
    }

    /**
     * The first {@code max} characters of {@code text}, redacted, on one line, control and bidirectional
     * characters replaced by a space, with "..." when cut.
     */
    public String excerpt(String text, int max) {
        String redacted = UNPRINTABLE.matcher(redact(text)).replaceAll(" ").strip();
        return redacted.length() <= max ? redacted : redacted.substring(0, max) + "...";
    }
}
