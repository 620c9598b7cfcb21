package dev.notify.settings;

import dev.notify.Problem;
import dev.notify.SettingsException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Everything an administrator configured: the global layer and any number of server layers. A server layer
 * inherits from the global layer, or from another server layer it names (global, then tenant, then server).
 * {@link #resolve(String)} gives a server's effective settings; results are cached in this object, so a
 * changed layer means a new {@code Settings} (build one from this with {@link #builder(Settings)}).
 *
 * <p>This class is immutable and threadsafe.
 */
public final class Settings {

    private static final Pattern SERVER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final String GLOBAL_CACHE_KEY = "\0global";
    private static final int KEPT_ANCESTOR = 64;

    private final SettingsSchema schema;
    private final Layer global;
    private final Map<String, Layer> servers;
    private final Map<String, String> parents;
    /** What the administrator writes before every key ({@code notify.} in a Spring application), for problems. */
    private final String keyPrefix;
    private final Map<SettingsSchema, Map<String, ResolvedSettings>> resolved = new ConcurrentHashMap<>();
    private final List<Problem> deprecatedNames;

    private Settings(SettingsSchema schema, Layer global, Map<String, Layer> servers, Map<String, String> parents,
            String keyPrefix) {
        this.schema = schema;
        this.keyPrefix = keyPrefix;
        this.global = global;
        this.servers = servers;
        this.parents = parents;
        this.deprecatedNames = DeprecatedNames.noticesWarnedOnce(global, servers);
    }

    /** Settings with only a global layer. */
    public static Settings of(Layer global) {
        return builder().global(global).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts with all of {@code settings}' layers, to change a few. */
    public static Builder builder(Settings settings) {
        Builder b = new Builder().schema(settings.schema).global(settings.global);
        settings.servers.forEach((id, layer) -> b.server(id, layer));
        b.parents.putAll(settings.parents);
        return b.keyPrefix(settings.keyPrefix);
    }

    /**
     * The keys these settings set under a {@linkplain SettingKey#deprecatedNames() deprecated name}, one per layer
     * and name ({@code servers.eu-1.sms.sender}), each naming the key to write instead. They are read as that key;
     * a warning per name is logged when the settings are built.
     */
    public List<Problem> deprecatedNames() {
        return deprecatedNames;
    }

    public Layer global() {
        return global;
    }

    /** The ids of the servers that have a layer, in the order they were added. */
    public Set<String> serverIds() {
        return servers.keySet();
    }

    /** The server's own layer, if it has one. */
    public Optional<Layer> server(String id) {
        return Optional.ofNullable(servers.get(id));
    }

    /** The server layer this server inherits from, if it names one (else it inherits from global). */
    public Optional<String> parentOf(String id) {
        return Optional.ofNullable(parents.get(id));
    }

    /** The schema these settings were read with: the keys they may set, and how they are validated. */
    public SettingsSchema schema() {
        return schema;
    }

    /** The effective global settings: defaults, then the global layer. */
    public ResolvedSettings resolveGlobal() {
        return resolveGlobal(schema);
    }

    /** The effective global settings under another schema (a notifier's providers). */
    public ResolvedSettings resolveGlobal(SettingsSchema schema) {
        return cache(schema).computeIfAbsent(GLOBAL_CACHE_KEY, k -> Resolution.resolveGlobal(schema, keyPrefix, global));
    }

    /**
     * A server's effective settings. A server without a layer of its own inherits everything, so any server id
     * of the host application can be resolved. Resolving touches only the server's inheritance chain, and each
     * server of it once: the servers it inherits from are resolved on the way, and every 64th of them is kept, so
     * that resolving the servers of a long chain one after another stays linear while memory stays bounded.
     *
     * @throws IllegalArgumentException when {@code serverId} is not 1-64 letters, digits, '-' or '_'
     */
    public ResolvedSettings resolve(String serverId) {
        return resolve(serverId, schema);
    }

    /**
     * A server's effective settings under another schema: a notifier resolves with the schema of its own
     * providers, which may include explicitly registered ones.
     *
     * @throws IllegalArgumentException when {@code serverId} is not 1-64 letters, digits, '-' or '_'
     */
    public ResolvedSettings resolve(String serverId, SettingsSchema schema) {
        Map<String, ResolvedSettings> cache = cache(schema);
        ResolvedSettings cached = cache.get(serverId);
        if (cached != null) {
            return cached;
        }
        checkServerId(serverId);
        List<String> unresolved = new ArrayList<>();
        ResolvedSettings inherited = null;
        for (String current = serverId; current != null; current = parents.get(current)) {
            inherited = cache.get(current);
            if (inherited != null) {
                break;
            }
            unresolved.add(current);
        }
        if (inherited == null) {
            inherited = resolveGlobal(schema);
        }
        for (int i = unresolved.size() - 1; i >= 0; i--) {
            String id = unresolved.get(i);
            ResolvedSettings resolved = Resolution.resolveServer(schema, keyPrefix, id,
                    servers.getOrDefault(id, Layer.empty()), inherited);
            if (i % KEPT_ANCESTOR == 0) {
                ResolvedSettings raced = cache.putIfAbsent(id, resolved);
                resolved = raced != null ? raced : resolved;
            }
            inherited = resolved;
        }
        return inherited;
    }

    private Map<String, ResolvedSettings> cache(SettingsSchema schema) {
        Map<String, ResolvedSettings> cache = resolved.get(Objects.requireNonNull(schema, "schema"));
        return cache != null ? cache : resolved.computeIfAbsent(schema, s -> new ConcurrentHashMap<>());
    }

    static void checkServerId(String id) {
        Objects.requireNonNull(id, "server id");
        if (!SERVER_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("server id must be 1-64 letters, digits, '-' or '_', was '" + id + "'");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Settings other && global.equals(other.global) && servers.equals(other.servers)
                && parents.equals(other.parents);
    }

    @Override
    public int hashCode() {
        return Objects.hash(global, servers, parents);
    }

    /** The layers; secrets print as {@code ********}. */
    @Override
    public String toString() {
        return "Settings[global=" + global + ", servers=" + servers + (parents.isEmpty() ? "" : ", inherits=" + parents)
                + "]";
    }

    /**
     * Collects layers. {@link #build()} checks that every parent exists and that no server inherits from
     * itself, and copies, so a builder can be reused.
     *
     * <p>This class is not threadsafe.
     */
    public static final class Builder {
        private SettingsSchema schema = SettingsSchema.installed();
        private Layer global = Layer.empty();
        private final Map<String, Layer> servers = new LinkedHashMap<>();
        private final Map<String, String> parents = new LinkedHashMap<>();
        private String keyPrefix = "";

        private Builder() {
        }

        /** The prefix the settings were read with ({@code notify.}), which every problem's key then starts with. */
        Builder keyPrefix(String prefix) {
            this.keyPrefix = Objects.requireNonNull(prefix, "keyPrefix");
            return this;
        }

        /** The keys the settings may set and how they are validated; {@link SettingsSchema#installed()} by default. */
        public Builder schema(SettingsSchema schema) {
            this.schema = Objects.requireNonNull(schema, "schema");
            return this;
        }

        public Builder global(Layer layer) {
            this.global = Objects.requireNonNull(layer, "global layer");
            return this;
        }

        /**
         * Sets a server's layer, inheriting from the global layer.
         *
         * @throws IllegalArgumentException when the id is not 1-64 letters, digits, '-' or '_'
         */
        public Builder server(String id, Layer layer) {
            checkServerId(id);
            servers.put(id, Objects.requireNonNull(layer, "layer of server " + id));
            parents.remove(id);
            return this;
        }

        /** Sets a server's layer, inheriting from another server's layer (a tenant's, a region's). */
        public Builder server(String id, String inheritsFrom, Layer layer) {
            server(id, layer);
            checkServerId(inheritsFrom);
            parents.put(id, inheritsFrom);
            return this;
        }

        public Builder removeServer(String id) {
            servers.remove(id);
            parents.remove(id);
            return this;
        }

        /**
         * Builds the settings.
         *
         * @throws SettingsException naming {@code servers.<id>.inherits} when a parent has no layer or the
         *     inheritance forms a cycle
         */
        public Settings build() {
            List<Problem> problems = new ArrayList<>();
            for (Map.Entry<String, String> e : parents.entrySet()) {
                if (!servers.containsKey(e.getValue())) {
                    problems.add(new Problem("servers." + e.getKey() + ".inherits", "names server '" + e.getValue()
                            + "', which has no settings"));
                }
            }
            problems.addAll(InheritanceCycles.find(parents));
            if (!problems.isEmpty()) {
                throw new SettingsException(problems);
            }
            return new Settings(schema, global, Collections.unmodifiableMap(new LinkedHashMap<>(servers)),
                    Collections.unmodifiableMap(new LinkedHashMap<>(parents)), keyPrefix);
        }
    }
}
