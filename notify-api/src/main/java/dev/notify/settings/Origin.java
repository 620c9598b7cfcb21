package dev.notify.settings;

import java.util.Objects;
import java.util.Optional;

/**
 * Where an effective value came from: the built-in default, the global layer, or a server's layer. An admin UI
 * shows it as "inherited from global" next to a field.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class Origin {

    /** The built-in default. */
    public static final Origin DEFAULT = new Origin(Kind.DEFAULT, null);
    /** The global layer. */
    public static final Origin GLOBAL = new Origin(Kind.GLOBAL, null);

    /** What kind of layer a value came from. */
    public enum Kind { DEFAULT, GLOBAL, SERVER }

    private final Kind kind;
    private final String server;

    private Origin(Kind kind, String server) {
        this.kind = kind;
        this.server = server;
    }

    /** The layer of the server with this id. */
    public static Origin server(String id) {
        return new Origin(Kind.SERVER, Objects.requireNonNull(id, "id"));
    }

    public Kind kind() {
        return kind;
    }

    /** The server id, for {@link Kind#SERVER}. */
    public Optional<String> serverId() {
        return Optional.ofNullable(server);
    }

    /** The prefix of this layer's keys in a properties file: empty, or {@code servers.<id>.}. */
    public String keyPrefix() {
        return server == null ? "" : "servers." + server + ".";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Origin other && kind == other.kind && Objects.equals(server, other.server);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, server);
    }

    /** {@code default}, {@code global} or {@code server eu-1}. */
    @Override
    public String toString() {
        return switch (kind) {
            case DEFAULT -> "default";
            case GLOBAL -> "global";
            case SERVER -> "server " + server;
        };
    }
}
