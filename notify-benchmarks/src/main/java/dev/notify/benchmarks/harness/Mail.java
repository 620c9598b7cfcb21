package dev.notify.benchmarks.harness;

/** The message every contender sends: one recipient, a 2 KB text body, a subject that ends in {@code #n}. */
public final class Mail {

    public static final String FROM = "sender@example.com";
    public static final String TO = "recipient@example.org";
    public static final String BODY = body();

    private Mail() {
    }

    /** A distinct subject per message; the sink adds up the {@code #n} numbers to find losses and duplicates. */
    public static String subject(String run, int sequence) {
        return "notify benchmark " + run + " #" + sequence;
    }

    private static String body() {
        StringBuilder b = new StringBuilder();
        String line = "The quick brown fox jumps over the lazy dog; pack my box with five dozen liquor jugs.";
        for (int i = 0; b.length() < 2048; i++) {
            b.append(i % 10).append(' ').append(line, 0, 70).append("\r\n");
        }
        return b.toString();
    }
}
