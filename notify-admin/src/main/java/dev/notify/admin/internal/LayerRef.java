package dev.notify.admin.internal;

import dev.notify.settings.Layer;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.Settings;
import java.util.Optional;

/** Which layer a page edits: the global settings, a region (a server others inherit from) or a server. */
record LayerRef(Kind kind, String id) {

    enum Kind { GLOBAL, REGION, SERVER }

    static final LayerRef GLOBAL = new LayerRef(Kind.GLOBAL, null);

    /** Reads the hidden {@code layer} field of a form: {@code global}, {@code region:eu} or {@code server:eu-1}. */
    static Optional<LayerRef> parse(String field) {
        if (field == null || field.equals("global")) {
            return Optional.ofNullable(field == null ? null : GLOBAL);
        }
        int colon = field.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String id = field.substring(colon + 1);
        return switch (field.substring(0, colon)) {
            case "region" -> Optional.of(new LayerRef(Kind.REGION, id));
            case "server" -> Optional.of(new LayerRef(Kind.SERVER, id));
            default -> Optional.empty();
        };
    }

    String field() {
        return switch (kind) {
            case GLOBAL -> "global";
            case REGION -> "region:" + id;
            case SERVER -> "server:" + id;
        };
    }

    boolean isGlobal() {
        return kind == Kind.GLOBAL;
    }

    /** The prefix of this layer's full keys: empty or {@code servers.<id>.}. */
    String prefix() {
        return isGlobal() ? "" : "servers." + id + ".";
    }

    String title() {
        return switch (kind) {
            case GLOBAL -> "Global settings";
            case REGION -> "Region " + id;
            case SERVER -> "Server " + id;
        };
    }

    /** The page's path below the mount. */
    String path() {
        return switch (kind) {
            case GLOBAL -> "/";
            case REGION -> "/regions/" + id;
            case SERVER -> "/servers/" + id;
        };
    }

    Layer own(Settings settings) {
        return isGlobal() ? settings.global() : settings.server(id).orElse(Layer.empty());
    }

    ResolvedSettings resolve(Settings settings) {
        return isGlobal() ? settings.resolveGlobal() : settings.resolve(id);
    }

    /** What this layer inherits: its parent server's settings, the global ones, or none for the global layer. */
    Optional<ResolvedSettings> parent(Settings settings) {
        if (isGlobal()) {
            return Optional.empty();
        }
        return Optional.of(settings.parentOf(id).map(settings::resolve).orElseGet(settings::resolveGlobal));
    }
}
