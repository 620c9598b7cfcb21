package dev.notify.spring.boot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.notify.Channel;
import dev.notify.settings.SettingDescription;
import dev.notify.settings.SettingKey;
import dev.notify.settings.SettingsSchema;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes Spring Boot configuration metadata for every key of a schema, under {@code notify.}: the content of
 * {@code META-INF/additional-spring-configuration-metadata.json}, which the configuration processor merges into
 * the starter's {@code spring-configuration-metadata.json}.
 */
final class ConfigurationMetadataGenerator {

    private static final String PREFIX = "notify.";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ConfigurationMetadataGenerator() {
    }

    static String generate(SettingsSchema schema) {
        List<Map<String, Object>> properties = new ArrayList<>();
        List<Map<String, Object>> hints = new ArrayList<>();
        for (SettingDescription d : schema.describe()) {
            SettingKey<?> key = schema.key(d.name()).orElseThrow();
            Map<String, Object> property = entry("name", PREFIX + d.name(), "type", javaType(d.type()),
                    "description", description(d, key));
            literalDefault(d, key).ifPresent(v -> property.put("defaultValue", v));
            properties.add(property);
            List<String> values = d.allowedValues().isEmpty() ? deliveryMethods(schema, d.name()) : d.allowedValues();
            if (!values.isEmpty()) {
                hints.add(entry("name", PREFIX + d.name(), "values",
                        values.stream().map(v -> entry("value", v)).toList()));
            }
        }
        properties.add(entry("name", PREFIX + "servers", "type", "java.util.Map<java.lang.String,java.lang.String>",
                "description", "Settings of one server: notify.servers.<id>.<key> sets any notify key for the "
                        + "server <id>, which inherits every other key from the global layer; "
                        + "notify.servers.<id>.inherits=<other id> inherits from another server's layer instead."));
        properties.add(entry("name", "management.health.notify.enabled", "type", "java.lang.Boolean",
                "description", "Whether to enable notify's health contributor.", "defaultValue", true));
        Map<String, Object> metadata = entry(
                "groups", List.of(entry("name", "notify", "description", "notify's settings: the global layer. "
                        + "Every key may be set for one server as notify.servers.<id>.<key>.")),
                "properties", properties,
                "hints", hints);
        try {
            return JSON.writeValueAsString(metadata).replace("\r\n", "\n") + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
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

    /** The default as a value, when it is one the key parses rather than a documented rule. */
    private static Optional<Object> literalDefault(SettingDescription d, SettingKey<?> key) {
        if (d.defaultValue().isEmpty()) {
            return Optional.empty();
        }
        String text = d.defaultValue().get();
        try {
            key.parse(text);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return Optional.of(switch (d.type()) {
            case "boolean" -> Boolean.valueOf(text);
            case "integer" -> Integer.valueOf(text);
            default -> text;
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

    private static Map<String, Object> entry(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
