package dev.notify.store.internal;

import dev.notify.Problem;
import dev.notify.SettingsException;
import dev.notify.settings.Layer;
import dev.notify.settings.PropertiesFormat;
import dev.notify.settings.Secret;
import dev.notify.settings.SettingKey;
import dev.notify.settings.Settings;
import dev.notify.settings.SettingsSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What stored entries mean under a schema: the settings they parse to (encrypted secrets decrypted), which keys
 * are secrets, and how a value may be shown or journalled without revealing a secret. Threadsafe.
 */
final class StoredEntries {

    private static final String SERVERS = "servers.";
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):[^}]*}");

    private final SettingsSchema schema;
    private final SecretCipher cipher;
    private final PropertiesFormat format;

    StoredEntries(SettingsSchema schema, SecretCipher cipher, PropertiesFormat format) {
        this.schema = schema;
        this.cipher = cipher;
        this.format = format.withSchema(schema);
    }

    SecretCipher cipher() {
        return cipher;
    }

    /** The key within its layer: {@code email.smtp.host} for {@code servers.eu-1.email.smtp.host}. */
    static String layerKey(String fullKey) {
        int dot = serverIdEnd(fullKey);
        return dot < 0 ? fullKey : fullKey.substring(dot + 1);
    }

    /** The server a full key belongs to, or null for the global layer. */
    static String serverOf(String fullKey) {
        int dot = serverIdEnd(fullKey);
        return dot < 0 ? null : fullKey.substring(SERVERS.length(), dot);
    }

    /**
     * The index of the dot after the server id of {@code servers.<id>.<key>} (id and key not empty), or -1 when
     * the key is not a server's.
     */
    private static int serverIdEnd(String fullKey) {
        if (!fullKey.startsWith(SERVERS)) {
            return -1;
        }
        int dot = fullKey.indexOf('.', SERVERS.length());
        return dot > SERVERS.length() && dot < fullKey.length() - 1 ? dot : -1;
    }

    static boolean isReference(String text) {
        return REFERENCE.matcher(text.strip()).matches();
    }

    Optional<SettingKey<?>> setting(String fullKey) {
        return schema.key(layerKey(fullKey));
    }

    boolean isSecret(String fullKey) {
        return setting(fullKey).map(SettingKey::isSecret).orElse(false);
    }

    /** The text to show for a stored value: a secret's as {@link Secret#MASK} or its reference. */
    String display(String fullKey, String stored) {
        if (stored == null || !isSecret(fullKey) || stored.isBlank() || isReference(stored)) {
            return stored;
        }
        return Secret.MASK;
    }

    /**
     * The text to journal for a stored value: a secret in plain text (written by hand) is encrypted when a key is
     * configured, else {@link JournalRecord#WITHHELD}.
     */
    String journalValue(String fullKey, String stored) {
        if (stored == null || !isSecret(fullKey) || stored.isBlank() || isReference(stored)
                || SecretCipher.isEncrypted(stored)) {
            return stored;
        }
        return cipher.canEncrypt() ? cipher.encrypt(fullKey, stored.strip()) : JournalRecord.WITHHELD;
    }

    /**
     * Parses entries into settings, decrypting encrypted secrets.
     *
     * @throws SettingsException naming every problem by its full key
     */
    Settings parse(Map<String, String> entries) {
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, Secret> decrypted = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        entries.forEach((fullKey, stored) -> {
            if (JournalRecord.WITHHELD.equals(stored)) {
                problems.add(new Problem(fullKey, "its value was not recorded (it was written in plain text without an"
                        + " encryption key configured); set it again"));
            } else if (SecretCipher.isEncrypted(stored) && isSecret(fullKey)) {
                try {
                    decrypted.put(fullKey, Secret.of(cipher.decrypt(fullKey, stored)));
                } catch (IllegalArgumentException e) {
                    problems.add(new Problem(fullKey, e.getMessage()));
                }
            } else {
                plain.put(fullKey, stored);
            }
        });
        Settings parsed;
        try {
            parsed = format.parse(plain);
        } catch (SettingsException e) {
            problems.addAll(e.problems());
            throw new SettingsException(problems);
        }
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        return decrypted.isEmpty() ? parsed : withSecrets(parsed, decrypted);
    }

    @SuppressWarnings("unchecked")
    private Settings withSecrets(Settings parsed, Map<String, Secret> decrypted) {
        Map<String, Layer.Builder> layers = new LinkedHashMap<>();
        decrypted.forEach((fullKey, secret) -> {
            String server = serverOf(fullKey);
            Layer.Builder layer = layers.computeIfAbsent(server == null ? "" : server, id -> Layer.builder(
                    id.isEmpty() ? parsed.global() : parsed.server(id).orElse(Layer.empty())));
            layer.set((SettingKey<Secret>) setting(fullKey).orElseThrow(), secret);
        });
        Settings.Builder settings = Settings.builder(parsed);
        layers.forEach((id, layer) -> {
            if (id.isEmpty()) {
                settings.global(layer.build());
            } else {
                Optional<String> parent = parsed.parentOf(id);
                if (parent.isPresent()) {
                    settings.server(id, parent.get(), layer.build());
                } else {
                    settings.server(id, layer.build());
                }
            }
        });
        return settings.build();
    }

    /**
     * Parses entries and checks every layer as a notifier would before sending: a problem that {@code previous}
     * did not have already, other than a value not set yet, refuses the entries. So a change never makes settings
     * worse, and one that leaves an older problem alone is not blocked by it.
     *
     * @param previous the entries the change starts from
     * @throws SettingsException naming every problem by its full key
     */
    Settings validate(Map<String, String> entries, Map<String, String> previous) {
        Settings settings = parse(entries);
        Map<String, Problem> problems = problems(settings);
        if (!problems.isEmpty()) {
            try {
                problems.keySet().removeAll(problems(parse(previous)).keySet());
            } catch (SettingsException previousInvalid) {
                // Nothing to discount: the previous entries did not even parse.
            }
        }
        if (!problems.isEmpty()) {
            throw new SettingsException(List.copyOf(problems.values()));
        }
        return settings;
    }

    private Map<String, Problem> problems(Settings settings) {
        Map<String, Problem> problems = new LinkedHashMap<>();
        settings.resolveGlobal(schema).problems().forEach(p -> add(problems, p));
        for (String id : settings.serverIds()) {
            settings.resolve(id, schema).problems().forEach(p -> add(problems, p));
        }
        return problems;
    }

    private static void add(Map<String, Problem> problems, Problem problem) {
        if (!problem.isMissingValue()) {
            problems.putIfAbsent(problem.toString(), problem);
        }
    }
}
