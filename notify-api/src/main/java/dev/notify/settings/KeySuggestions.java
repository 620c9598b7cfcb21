package dev.notify.settings;

/**
 * "Did you mean" for mistyped keys: the known key nearest by edit distance, if it is near enough. Only names of a
 * plausible length (at most twice the longest known key) get a suggestion, and the distance is computed only up to
 * what would be near enough, so the work per name is bounded by the known keys, whatever the name's length.
 */
final class KeySuggestions {

    private KeySuggestions() {
    }

    /** {@code "; did you mean 'sms.acme.port'?"}, or an empty string when no key is close. */
    static String didYouMean(String name, String prefix, Iterable<String> known) {
        int longest = 0;
        for (String candidate : known) {
            longest = Math.max(longest, candidate.length());
        }
        if (name.length() > 2 * longest) {
            return "";
        }
        int allowed = Math.max(2, name.length() / 4);
        String best = null;
        int bestDistance = allowed + 1;
        for (String candidate : known) {
            int d = distance(name, candidate, bestDistance - 1);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null ? "; did you mean '" + prefix + best + "'?" : "";
    }

    /** The edit distance of {@code a} and {@code b}, or {@code bound + 1} as soon as it is known to exceed {@code bound}. */
    static int distance(String a, String b, int bound) {
        if (bound < 0 || Math.abs(a.length() - b.length()) > bound) {
            return bound + 1;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            int rowMinimum = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMinimum = Math.min(rowMinimum, current[j]);
            }
            if (rowMinimum > bound) {
                return bound + 1;
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return Math.min(previous[b.length()], bound + 1);
    }
}
