package dev.notify.settings;

import dev.notify.InvalidMessageException;
import dev.notify.internal.HeaderText;
import dev.notify.message.EmailAddress;
import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Text-to-value conversions for settings; each throws IllegalArgumentException with a message for the admin. */
final class ValueParsers {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");
    private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private ValueParsers() {
    }

    static String text(String s) {
        String forbidden = HeaderText.forbiddenCharacter(s);
        if (forbidden != null) {
            throw new IllegalArgumentException(forbidden);
        }
        return s;
    }

    static boolean bool(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("must be true or false (also yes/no, on/off), was '" + s + "'");
        };
    }

    static int integer(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number, was '" + s + "'");
        }
    }

    static Function<Integer, String> range(int min, int max) {
        return v -> v < min || v > max ? "must be " + min + "-" + max + ", was " + v : null;
    }

    static String formatDuration(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0 && ms > 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    static Duration duration(String s) {
        Matcher m = DURATION.matcher(s.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be a duration such as 500ms, 10s or 2m, was '" + s + "'");
        }
    }

    static String positive(Duration d) {
        return d.isNegative() || d.isZero() ? "must be longer than zero, was " + d : null;
    }

    static String notNegative(Duration d) {
        return d.isNegative() ? "must not be negative, was " + d : null;
    }

    static String host(String s) {
        String forbidden = HeaderText.forbiddenInAddress(s);
        if (forbidden != null) {
            throw new IllegalArgumentException(forbidden);
        }
        if (s.startsWith("[") && s.endsWith("]")) {
            String literal = s.substring(1, s.length() - 1);
            if (!literal.matches("[0-9A-Fa-f:.]+") || !literal.contains(":")) {
                throw new IllegalArgumentException("is not a valid IPv6 literal, was '" + s + "'");
            }
            return s;
        }
        if (s.contains(":")) {
            throw new IllegalArgumentException("must be a host name without a port or scheme (set the port in its own key), was '"
                    + s + "'");
        }
        Matcher ip = IPV4.matcher(s);
        if (ip.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(ip.group(i)) > 255) {
                    throw new IllegalArgumentException("is not a valid IPv4 address, was '" + s + "'");
                }
            }
            return s;
        }
        if (s.length() > 253) {
            throw new IllegalArgumentException("is not a valid host name (at most 253 characters), was '" + s + "'");
        }
        String ascii;
        try {
            ascii = IDN.toASCII(s, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a valid host name, was '" + s + "'");
        }
        if (ascii.isEmpty() || ascii.length() > 253) {
            throw new IllegalArgumentException("is not a valid host name, was '" + s + "'");
        }
        for (String label : ascii.split("\\.", -1)) {
            if (!HOST_LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("is not a valid host name (letters, digits, '-' and '.'), was '" + s + "'");
            }
        }
        return s;
    }

    static String domain(String s) {
        host(s);
        if (!s.contains(".") || s.startsWith("[") || IPV4.matcher(s).matches()) {
            throw new IllegalArgumentException("must be a domain name such as sms.example.net, was '" + s + "'");
        }
        return s;
    }

    static String identifier(String s) {
        if (!IDENTIFIER.matcher(s).matches()) {
            throw new IllegalArgumentException("must be a provider id in lower case (letters, digits, '-', '.', '_'), was '"
                    + s + "'");
        }
        return s;
    }

    static EmailAddress mailbox(String s) {
        try {
            return EmailAddress.parse(s, "value");
        } catch (InvalidMessageException e) {
            throw new IllegalArgumentException(e.problems().get(0).message());
        }
    }

    static URI httpsUrl(String s) {
        text(s);
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a valid URL, was '" + s + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw new IllegalArgumentException("must be an https:// URL with a host, was '" + s + "'");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("must not have a query or fragment, was '" + s + "'");
        }
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }

    static Path path(String s) {
        text(s);
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("is not a valid file path, was '" + s + "'");
        }
    }

    static <E extends Enum<E>> E choice(String s, E[] values, Function<E, String> id) {
        String lower = s.toLowerCase(Locale.ROOT);
        for (E value : values) {
            if (id.apply(value).equals(lower)) {
                return value;
            }
        }
        throw new IllegalArgumentException("must be one of "
                + Arrays.stream(values).map(id).collect(Collectors.joining(", ")) + "; was '" + s + "'");
    }
}
