package dev.notify.spring.boot;

import dev.notify.Channel;
import dev.notify.settings.SettingDescription;
import dev.notify.settings.SettingKey;
import dev.notify.settings.SettingsSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes Spring Boot configuration metadata for every key of a schema, under {@code notify.}: the content of
 * {@code META-INF/additional-spring-configuration-metadata.json}, which the configuration processor merges into
 * the starter's {@code spring-configuration-metadata.json}.
 */
final class ConfigurationMetadataGenerator {

    private static final String PREFIX = "notify.";

    private ConfigurationMetadataGenerator() {
    }

    static String generate(SettingsSchema schema) {
        List<String> groups = new ArrayList<>();
        groups.add(object(Map.of("name", quote("notify"), "description", quote("notify's settings: the global layer. "
                + "Every key may be set for one server as notify.servers.<id>.<key>."))));
        List<String> properties = new ArrayList<>();
        List<String> hints = new ArrayList<>();
        for (SettingDescription d : schema.describe()) {
            SettingKey<?> key = schema.key(d.name()).orElseThrow();
            Map<String, String> property = new LinkedHashMap<>();
            property.put("name", quote(PREFIX + d.name()));
            property.put("type", quote(javaType(d.type())));
            property.put("description", quote(description(d, key)));
            literalDefault(d, key).ifPresent(v -> property.put("defaultValue", v));
            properties.add(object(property));
            List<String> values = d.allowedValues().isEmpty() ? deliveryMethods(schema, d.name()) : d.allowedValues();
            if (!values.isEmpty()) {
                hints.add(object(Map.of("name", quote(PREFIX + d.name()), "values", array(values.stream()
                        .map(v -> object(Map.of("value", quote(v)))).toList()))));
            }
        }
        properties.add(object(orderedMap("name", quote(PREFIX + "servers"),
                "type", quote("java.util.Map<java.lang.String,java.lang.String>"),
                "description", quote("Settings of one server: notify.servers.<id>.<key> sets any notify key for the "
                        + "server <id>, which inherits every other key from the global layer; "
                        + "notify.servers.<id>.inherits=<other id> inherits from another server's layer instead."))));
        properties.add(object(orderedMap("name", quote("management.health.notify.enabled"),
                "type", quote("java.lang.Boolean"),
                "description", quote("Whether to enable notify's health contributor."),
                "defaultValue", "true")));
        return "{\n  \"groups\": " + array(groups) + ",\n  \"properties\": " + array(properties)
                + ",\n  \"hints\": " + array(hints) + "\n}\n";
    }

    private static List<String> deliveryMethods(SettingsSchema schema, String name) {
        for (Channel channel : Channel.values()) {
            if (name.equals(channel.name().toLowerCase(Locale.ROOT) + ".delivery-method")) {
                return List.copyOf(schema.providerIds(channel));
            }
        }
        return List.of();
    }

    private static String description(SettingDescription d, SettingKey<?> key) {
        StringBuilder text = new StringBuilder(d.description());
        if (!text.isEmpty() && !text.toString().endsWith(".")) {
            text.append('.');
        }
        if (d.defaultValue().isPresent() && literalDefault(d, key).isEmpty()) {
            text.append(" Default: ").append(d.defaultValue().get()).append('.');
        }
        if (d.secret()) {
            text.append(" A secret: never printed; write ${env:NAME} or ${file:PATH} to keep it out of the file.");
        }
        d.credentialGroup().ifPresent(g -> text.append(" Resolves from one layer together with the other keys of the "
                + "credential group '").append(g).append("'."));
        d.appliesWhen().ifPresent(c -> text.append(" Applies when ").append(PREFIX).append(c.key().name())
                .append(c.anyOf().size() == 1 ? "=" + c.anyOf().get(0) : " is one of " + c.anyOf()).append('.'));
        return text.toString().strip();
    }

    /** The default as a JSON value, when it is a value the key parses rather than a documented rule. */
    private static java.util.Optional<String> literalDefault(SettingDescription d, SettingKey<?> key) {
        if (d.defaultValue().isEmpty()) {
            return java.util.Optional.empty();
        }
        String text = d.defaultValue().get();
        try {
            key.parse(text);
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(switch (d.type()) {
            case "boolean", "integer" -> text;
            default -> quote(text);
        });
    }

    private static String javaType(String type) {
        return switch (type) {
            case "integer" -> "java.lang.Integer";
            case "boolean" -> "java.lang.Boolean";
            case "duration" -> "java.time.Duration";
            case "url" -> "java.net.URI";
            case "path" -> "java.nio.file.Path";
            default -> "java.lang.String";
        };
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static String object(Map<String, String> fields) {
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String k : List.of("name", "value", "type", "description", "defaultValue", "values")) {
            if (fields.containsKey(k)) {
                ordered.put(k, fields.get(k));
            }
        }
        ordered.putAll(fields);
        return ordered.entrySet().stream().map(e -> quote(e.getKey()) + ": " + e.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static String array(List<String> elements) {
        return elements.isEmpty() ? "[]" : elements.stream().collect(Collectors.joining(",\n    ", "[\n    ", "\n  ]"));
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
