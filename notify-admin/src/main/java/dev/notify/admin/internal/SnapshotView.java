package dev.notify.admin.internal;

import dev.notify.settings.Settings;
import dev.notify.settings.SettingsSchema;
import dev.notify.store.StoreSnapshot;
import dev.notify.web.Html;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What every page of one store snapshot shares, worked out once per snapshot: the keys of the schema as the page
 * shows them, which servers are regions, and the parts of pages rendered from the stored values alone (a layer's
 * settings form, the fleet table), which depend on nothing else: not on the administrator, the request or the
 * CSRF token. A new snapshot of different content gets a new view ({@link #of}), so a part is never shown for a
 * version other than the one it was rendered from. Threadsafe; the parts are fragments nobody writes to once
 * cached.
 */
final class SnapshotView {

    /** How many layers' forms are kept: the pages administrators are looking at, not the whole fleet. */
    static final int LAYERS_KEPT = 32;

    private final StoreSnapshot snapshot;
    private final SettingsSchema schema;
    private final List<KeyView> keys;
    private final Set<String> regions;
    private final Map<LayerRef, Html> forms = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<LayerRef, Html> eldest) {
            return size() > LAYERS_KEPT;
        }
    });
    private volatile Html fleetTable;

    private SnapshotView(StoreSnapshot snapshot, SettingsSchema schema, List<KeyView> keys) {
        this.snapshot = snapshot;
        this.schema = schema;
        this.keys = keys;
        Settings settings = snapshot.settings();
        Set<String> parents = new HashSet<>();
        for (String id : settings.serverIds()) {
            settings.parentOf(id).ifPresent(parents::add);
        }
        this.regions = Set.copyOf(parents);
    }

    /**
     * The view of {@code snapshot}: {@code previous} when it was made from a snapshot of the same content (the
     * same version, stored values and parsed settings), else a new one, which keeps {@code previous}'s keys when
     * the schema is the same.
     *
     * @param previous the view last used, or null
     */
    static SnapshotView of(StoreSnapshot snapshot, SnapshotView previous) {
        if (previous != null && sameContent(previous.snapshot, snapshot)) {
            return previous;
        }
        SettingsSchema schema = snapshot.settings().schema();
        List<KeyView> keys = previous != null && previous.schema == schema ? previous.keys : KeyView.of(schema);
        return new SnapshotView(snapshot, schema, keys);
    }

    private static boolean sameContent(StoreSnapshot a, StoreSnapshot b) {
        return a == b || a.version() == b.version() && a.settings() == b.settings() && a.values().equals(b.values());
    }

    StoreSnapshot snapshot() {
        return snapshot;
    }

    Settings settings() {
        return snapshot.settings();
    }

    SettingsSchema schema() {
        return schema;
    }

    List<KeyView> keys() {
        return keys;
    }

    /** Whether other servers inherit from this server. */
    boolean isRegion(String id) {
        return regions.contains(id);
    }

    /** Whether the snapshot holds the layer (a region must also have servers inheriting from it). */
    boolean exists(LayerRef layer) {
        return switch (layer.kind()) {
            case GLOBAL -> true;
            case SERVER -> settings().serverIds().contains(layer.id());
            case REGION -> settings().serverIds().contains(layer.id()) && isRegion(layer.id());
        };
    }

    /** The layer's settings form as stored, rendered by {@code render} the first time it is asked for. */
    Html form(LayerRef layer, Supplier<Html> render) {
        Html form = forms.get(layer);
        if (form == null) {
            form = render.get();
            forms.put(layer, form);
        }
        return form;
    }

    /** The fleet table, rendered by {@code render} the first time it is asked for. */
    Html fleetTable(Supplier<Html> render) {
        Html table = fleetTable;
        if (table == null) {
            table = render.get();
            fleetTable = table;
        }
        return table;
    }
}
