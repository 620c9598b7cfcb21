package dev.notify.spring.boot.internal;

import dev.notify.settings.SettingKey;
import dev.notify.settings.SettingsSchema;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps environment variable names to notify keys with the schema's key list, since the name alone cannot tell a
 * dash from a dot: {@code EMAIL_DELIVERY_METHOD} (or Spring Boot's {@code EMAIL_DELIVERYMETHOD}) is
 * {@code email.delivery-method}, and {@code SERVERS_EU_1_EMAIL_SMTP_HOST} is {@code servers.eu-1.email.smtp.host}
 * when {@code eu-1} is a server the other property sources name.
 *
 * <p>A name in one of notify's sections ({@code EMAIL_}, {@code SMS_}, {@code SERVERS_}) that matches no key is
 * still mapped, to dots in lower case, so that reading it reports the unknown key with a suggestion; any other name
 * ({@code NOTIFY_SOCKET}) is not notify's and is left alone.
 *
 * <p>This class is immutable and threadsafe.
 */
final class EnvironmentVariableKeys {

    private static final String SERVERS = "SERVERS_";
    private static final String INHERITS = "INHERITS";

    private final Map<String, String> keysByName = new HashMap<>();
    private final Set<String> sections = new LinkedHashSet<>();

    EnvironmentVariableKeys(SettingsSchema schema) {
        for (SettingKey<?> key : schema.keys()) {
            String name = key.name();
            keysByName.put(upper(name.replace('.', '_').replace('-', '_')), name);
            keysByName.putIfAbsent(upper(name.replace("-", "").replace('.', '_')), name);
            sections.add(upper(name.substring(0, name.indexOf('.') + 1).replace('.', '_')));
        }
        for (SettingKey<?> key : schema.keys()) {
            key.deprecatedNames().forEach(old -> keysByName.putIfAbsent(upper(old.replace('.', '_').replace('-', '_')), old));
        }
    }

    /**
     * The key a variable stands for, without notify's prefix.
     *
     * @param name         the variable's name after {@code NOTIFY_}
     * @param knownServers the server ids that the other property sources name
     * @return the key, or empty when the variable is not one of notify's
     */
    Optional<String> key(String name, Collection<String> knownServers) {
        String global = keysByName.get(name);
        if (global != null) {
            return Optional.of(global);
        }
        if (name.startsWith(SERVERS)) {
            return Optional.of(serverKey(name.substring(SERVERS.length()), knownServers));
        }
        return inSection(name) ? Optional.of(dotted(name)) : Optional.empty();
    }

    private String serverKey(String rest, Collection<String> knownServers) {
        for (int i = rest.indexOf('_'); i > 0; i = rest.indexOf('_', i + 1)) {
            String keyPart = rest.substring(i + 1);
            String key = keyPart.equals(INHERITS) ? "inherits" : keysByName.get(keyPart);
            if (key != null) {
                return "servers." + serverId(rest.substring(0, i), knownServers) + "." + key;
            }
        }
        for (int i = rest.indexOf('_'); i > 0; i = rest.indexOf('_', i + 1)) {
            String keyPart = rest.substring(i + 1);
            if (inSection(keyPart)) {
                return "servers." + serverId(rest.substring(0, i), knownServers) + "." + dotted(keyPart);
            }
        }
        return "servers." + dotted(rest);
    }

    /**
     * The id of a server named in a variable: the id as the other sources write it when exactly one of them
     * matches ignoring case, dashes and underscores; otherwise the variable's part in lower case.
     */
    static String serverId(String name, Collection<String> knownServers) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String exact : List.of(lower, lower.replace('_', '-'))) {
            if (knownServers.contains(exact)) {
                return exact;
            }
        }
        List<String> similar = knownServers.stream().filter(id -> letters(id).equals(letters(name))).toList();
        return similar.size() == 1 ? similar.get(0) : lower;
    }

    private boolean inSection(String name) {
        return sections.stream().anyMatch(name::startsWith);
    }

    private static String letters(String id) {
        return id.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    private static String dotted(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    private static String upper(String name) {
        return name.toUpperCase(Locale.ROOT);
    }
}
