package dev.notify.benchmarks.contenders;

import dev.notify.benchmarks.harness.Contender;
import java.util.List;

/** Every contender by id, and the class path each needs (so each can run in a JVM with only its own jars). */
public final class Contenders {

    /** In table order. */
    public static final List<String> IDS = List.of("notify-sync", "notify-async", "jakarta-send", "jakarta-reused",
            "sjm", "sjm-pool", "spring-batch", "vertx-mail", "raw-pipelined");

    private Contenders() {
    }

    public static Contender create(String id) {
        return switch (id) {
            case "notify-sync" -> new NotifySync();
            case "notify-async" -> new NotifyAsync();
            case "jakarta-send" -> new JakartaNewConnection();
            case "jakarta-reused" -> new JakartaReusedTransport();
            case "sjm" -> new SimpleJavaMail(false);
            case "sjm-pool" -> new SimpleJavaMail(true);
            case "spring-batch" -> new SpringBatches();
            case "vertx-mail" -> new VertxMail();
            case "raw-pipelined" -> new RawPipelined();
            default -> throw new IllegalArgumentException("unknown contender " + id + "; known: " + IDS);
        };
    }

    /** The name of the class path (a file {@code <name>.classpath} written by run.sh); empty for the JDK only. */
    public static String classpath(String id) {
        return switch (id) {
            case "notify-sync", "notify-async" -> "notify";
            case "jakarta-send", "jakarta-reused" -> "jakarta";
            case "sjm" -> "sjm";
            case "sjm-pool" -> "sjm-pool";
            case "spring-batch" -> "spring";
            case "vertx-mail" -> "vertx";
            case "raw-pipelined" -> "";
            default -> throw new IllegalArgumentException("unknown contender " + id);
        };
    }

    /** Whether the contender opens a connection (and a TLS handshake) for every message; it runs a smaller N. */
    public static boolean connectsPerMessage(String id) {
        return id.equals("jakarta-send") || id.equals("sjm");
    }

    /** Whether the contender is a library other than notify (the raw client is the limit, not a library). */
    public static boolean isOtherLibrary(String id) {
        return !id.startsWith("notify-") && !id.equals("raw-pipelined");
    }
}
