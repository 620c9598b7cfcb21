package dev.notify.testkit.smtp;

import java.util.Locale;

/**
 * The arguments of {@code BDAT <size> [LAST]} (RFC 3030): how many octets follow the command line, and whether
 * they end the message.
 */
record ChunkHeader(long size, boolean last) {

    /** The header of a BDAT command's argument, or null when it is not {@code <digits> [LAST]}. */
    static ChunkHeader parse(String argument) {
        String[] parts = argument.strip().split(" +");
        if (parts.length == 0 || parts.length > 2 || parts[0].isEmpty() || !parts[0].chars().allMatch(
                c -> c >= '0' && c <= '9') || parts[0].length() > 18) {
            return null;
        }
        if (parts.length == 2 && !parts[1].toUpperCase(Locale.ROOT).equals("LAST")) {
            return null;
        }
        return new ChunkHeader(Long.parseLong(parts[0]), parts.length == 2);
    }
}
