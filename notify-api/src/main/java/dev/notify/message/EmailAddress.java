package dev.notify.message;

import dev.notify.InvalidMessageException;
import dev.notify.internal.HeaderText;
import java.net.IDN;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A mailbox: an address with an optional display name, as in {@code Customer Service <support@example.com>}.
 *
 * <p>Parsing is strict: one address per value, a dot-atom ASCII local part of at most 64 characters, a domain of
 * LDH or internationalised labels (sent as punycode, see {@link #asciiAddress()}), and no control characters
 * or line breaks anywhere, including in the display name. Comments, groups, quoted local parts and source
 * routes are refused rather than guessed at. Equality ignores the display name and the case of the domain.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class EmailAddress {

    private static final Pattern LOCAL_PART =
            Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern ASCII_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private final String displayName;
    private final String localPart;
    private final String domain;
    private final String asciiDomain;
    private final String asciiAddress;

    private EmailAddress(String displayName, String localPart, String domain, String asciiDomain) {
        this.displayName = displayName;
        this.localPart = localPart;
        this.domain = domain;
        this.asciiDomain = asciiDomain;
        this.asciiAddress = localPart + "@" + asciiDomain;
    }

    /**
     * Parses {@code user@example.com} or {@code Display Name <user@example.com>}; the display name may be quoted.
     *
     * @throws InvalidMessageException naming {@code field} when the text is not exactly one valid mailbox
     */
    public static EmailAddress parse(String text, String field) {
        Objects.requireNonNull(field, "field");
        if (text == null || text.isBlank()) {
            throw new InvalidMessageException(field, "must not be empty");
        }
        String forbidden = HeaderText.forbiddenCharacter(text);
        if (forbidden != null) {
            throw new InvalidMessageException(field, forbidden);
        }
        String trimmed = text.strip();
        int open = trimmed.lastIndexOf('<');
        if (open < 0) {
            if (trimmed.indexOf('>') >= 0) {
                throw new InvalidMessageException(field, "has '>' without '<': " + quote(trimmed));
            }
            return of(null, trimmed, field);
        }
        if (!trimmed.endsWith(">") || trimmed.indexOf('>') != trimmed.length() - 1 || trimmed.indexOf('<') != open) {
            throw new InvalidMessageException(field, "expected 'Display Name <address>', was " + quote(trimmed));
        }
        String name = trimmed.substring(0, open).strip();
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return of(name.isEmpty() ? null : name, trimmed.substring(open + 1, trimmed.length() - 1).strip(), field);
    }

    /** Parses a bare address or a mailbox, naming the field {@code address} in errors. */
    public static EmailAddress parse(String text) {
        return parse(text, "address");
    }

    /** An address with a display name; {@code displayName} may be null. */
    public static EmailAddress of(String displayName, String address) {
        return of(displayName, address, "address");
    }

    private static EmailAddress of(String displayName, String address, String field) {
        if (displayName != null) {
            String forbidden = HeaderText.forbiddenInDisplayName(displayName);
            if (forbidden != null) {
                throw new InvalidMessageException(field, "display name " + forbidden);
            }
            if (displayName.isBlank()) {
                displayName = null;
            }
        }
        if (address == null || address.isEmpty()) {
            throw new InvalidMessageException(field, "must not be empty");
        }
        String forbidden = HeaderText.forbiddenInAddress(address);
        if (forbidden != null) {
            throw new InvalidMessageException(field, forbidden);
        }
        int at = address.lastIndexOf('@');
        if (at < 0) {
            throw new InvalidMessageException(field, "is not an email address (no '@'): " + quote(address));
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        if (local.isEmpty()) {
            throw new InvalidMessageException(field, "has no local part before '@': " + quote(address));
        }
        if (local.length() > 64) {
            throw new InvalidMessageException(field, "local part is longer than 64 characters");
        }
        if (!LOCAL_PART.matcher(local).matches()) {
            throw new InvalidMessageException(field, "local part " + quote(local)
                    + " is not a plain ASCII dot-atom (no spaces, quotes, '@', consecutive or edge dots)");
        }
        String asciiDomain = asciiDomain(domain);
        if (asciiDomain == null) {
            throw new InvalidMessageException(field, "domain " + quote(domain) + " is not a valid host name");
        }
        return new EmailAddress(displayName, local, domain, asciiDomain);
    }

    /** The domain converted to ASCII (punycode for IDN), or null when it is not a valid DNS host name. */
    static String asciiDomain(String domain) {
        if (domain.isEmpty() || domain.length() > 253 || domain.endsWith(".") || domain.startsWith(".")) {
            return null;
        }
        String ascii;
        try {
            ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            return null;
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2) {
            return null;
        }
        for (String label : labels) {
            if (!ASCII_LABEL.matcher(label).matches()) {
                return null;
            }
        }
        return ascii.toLowerCase(Locale.ROOT);
    }

    /** The display name, if any. */
    public Optional<String> displayName() {
        return Optional.ofNullable(displayName);
    }

    /** The address as given, {@code user@bücher.example}. */
    public String address() {
        return localPart + "@" + domain;
    }

    /** The address with its domain in ASCII (punycode), as written into SMTP commands. */
    public String asciiAddress() {
        return asciiAddress;
    }

    public String localPart() {
        return localPart;
    }

    /** The domain as given. */
    public String domain() {
        return domain;
    }

    /** The same address with another display name (null for none). */
    public EmailAddress withDisplayName(String name) {
        return of(name, address());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EmailAddress other
                && localPart.equals(other.localPart) && asciiDomain.equals(other.asciiDomain);
    }

    @Override
    public int hashCode() {
        return Objects.hash(localPart, asciiDomain);
    }

    /** {@code Display Name <address>}, or the bare address. */
    @Override
    public String toString() {
        return displayName == null ? address() : displayName + " <" + address() + ">";
    }

    private static String quote(String s) {
        return "'" + s + "'";
    }
}
