package dev.notify.spi;

import dev.notify.json.Json;
import dev.notify.settings.SettingDescription;
import dev.notify.settings.SettingKey;
import dev.notify.settings.SettingKeys;
import dev.notify.settings.SettingsSchema;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes a module's Spring Boot configuration metadata ({@code META-INF/spring-configuration-metadata.json}) for
 * the keys the module itself declares, each under {@code notify.} with its type, default and description. A module
 * runs it at build time on its compiled classes, so IDEs complete every installed module's keys and the starter
 * lists none:
 *
 * <pre>{@code java dev.notify.spi.SpringConfigurationMetadata <classes directory>}</pre>
 *
 * A module's keys are the {@code static} {@link SettingKey} fields of the classes in its classes directory (and, for
 * notify-api, {@link SettingKeys#all()}), so a key shared by two providers is listed once, by the module that
 * declares it. Descriptions say when a key applies from the providers found on the module's class path.
 */
public final class SpringConfigurationMetadata {

    static final String PREFIX = "notify.";
    static final String FILE = "META-INF/spring-configuration-metadata.json";

    private SpringConfigurationMetadata() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: SpringConfigurationMetadata <classes directory>");
        }
        Path classes = Path.of(args[0]);
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Map<String, SettingKey<?>> own = new LinkedHashMap<>();
        if (Files.exists(classes.resolve(SettingKeys.class.getName().replace('.', '/') + ".class"))) {
            SettingKeys.all().forEach(k -> own.put(k.name(), k));
        }
        declaredKeys(classes, loader).forEach(k -> own.putIfAbsent(k.name(), k));
        SettingsExtension keys = new SettingsExtension() {
            @Override
            public String id() {
                return "spring-configuration-metadata";
            }

            @Override
            public ProviderSettings settings() {
                return ProviderSettings.of(own.values().stream().filter(k -> !SettingKeys.all().contains(k)).toList(),
                        check -> { });
            }
        };
        String json = generate(SettingsSchema.discover(List.of(), List.of(keys), loader), own.keySet());
        Path file = classes.resolve(FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, json, StandardCharsets.UTF_8);
    }

    private static List<SettingKey<?>> declaredKeys(Path classes, ClassLoader loader) throws IOException {
        List<String> names;
        try (Stream<Path> files = Files.walk(classes)) {
            names = files.map(classes::relativize).map(Path::toString).filter(f -> f.endsWith(".class"))
                    .filter(f -> !f.endsWith("module-info.class") && !f.endsWith("package-info.class"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace(File.separatorChar, '.'))
                    .sorted().toList();
        }
        List<SettingKey<?>> keys = new ArrayList<>();
        for (String name : names) {
            try {
                Class<?> type = Class.forName(name, false, loader);
                for (Field field : type.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers()) && field.getType() == SettingKey.class
                            && field.trySetAccessible()) {
                        keys.add((SettingKey<?>) field.get(null));
                    }
                }
            } catch (ReflectiveOperationException | LinkageError e) {
                // A class that needs an optional dependency absent at build time declares no key.
            }
        }
        return keys;
    }

    /** The metadata of the named keys of a schema. */
    static String generate(SettingsSchema schema, Set<String> names) {
        List<Map<String, Object>> properties = new ArrayList<>();
        List<Map<String, Object>> hints = new ArrayList<>();
        for (SettingDescription d : schema.describe()) {
            if (!names.contains(d.name())) {
                continue;
            }
            SettingKey<?> key = schema.key(d.name()).orElseThrow();
            Map<String, Object> property = entry("name", PREFIX + d.name(), "type", javaType(d.type()),
                    "description", description(d, key));
            literalDefault(d, key).ifPresent(v -> property.put("defaultValue", v));
            properties.add(property);
            if (!d.allowedValues().isEmpty()) {
                hints.add(entry("name", PREFIX + d.name(), "values",
                        d.allowedValues().stream().map(v -> entry("value", v)).toList()));
            }
        }
        return Json.write(entry("properties", properties, "hints", hints)) + "\n";
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
