package dev.notify.settings;

import dev.notify.Problem;
import dev.notify.SettingsException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@link Settings} from properties: global keys as written ({@code sms.acme.host}), server keys under
 * {@code servers.<id>.} ({@code servers.eu-1.sms.acme.host}), and {@code servers.<id>.inherits=<other id>} for
 * a server that inherits from another server's layer instead of the global one.
 *
 * <p>Values are trimmed. {@code ${env:NAME}} and {@code ${file:PATH}} are replaced by an environment variable
 * or a file's content (without its trailing newline), anywhere in a value, so secrets stay out of the file. An
 * empty value sets a key to "no value" in its layer; see {@link Layer}. Every problem is reported at once in a
 * {@link SettingsException}, each naming its key as written, with a suggestion for a mistyped key.
 *
 * <p>Parsing is a pure function of the text, the environment and the referenced files. This class is
 * immutable and threadsafe.
 */
public final class PropertiesFormat {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern WHOLE_REFERENCE = Pattern.compile("\\$\\{(env|file):[^}]*}");
    private static final Pattern SERVER_KEY = Pattern.compile("servers\\.([^.]*)\\.(.+)");
    private static final int MAX_REFERENCED_FILE = 64 * 1024;

    private final String prefix;
    private final Function<String, String> environment;
    private final Path baseDirectory;
    private final boolean isolating;
    private final SettingsSchema schema;
    private final boolean secretValues;

    private PropertiesFormat(String prefix, Function<String, String> environment, Path baseDirectory, boolean isolating,
            SettingsSchema schema) {
        this(prefix, environment, baseDirectory, isolating, schema, false);
    }

    private PropertiesFormat(String prefix, Function<String, String> environment, Path baseDirectory, boolean isolating,
            SettingsSchema schema, boolean secretValues) {
        this.prefix = prefix;
        this.environment = environment;
        this.baseDirectory = baseDirectory;
        this.isolating = isolating;
        this.schema = schema;
        this.secretValues = secretValues;
    }

    /**
     * No key prefix, the process environment, file references relative to the working directory, and the keys
     * of {@link SettingsSchema#installed()}.
     */
    public static PropertiesFormat standard() {
        return new PropertiesFormat("", System::getenv, Path.of(""), false, null);
    }

    /**
     * Reads only keys that start with {@code prefix} ({@code notify.}), without it; other keys are the host
     * application's and are ignored.
     */
    public PropertiesFormat withPrefix(String prefix) {
        return new PropertiesFormat(Objects.requireNonNull(prefix, "prefix"), environment, baseDirectory, isolating,
                schema);
    }

    /** Where {@code ${env:NAME}} looks names up; returns null for an unset variable. */
    public PropertiesFormat withEnvironment(Function<String, String> environment) {
        return new PropertiesFormat(prefix, Objects.requireNonNull(environment, "environment"), baseDirectory,
                isolating, schema);
    }

    /** The directory relative {@code ${file:PATH}} references are resolved against. */
    public PropertiesFormat withBaseDirectory(Path directory) {
        return new PropertiesFormat(prefix, environment, Objects.requireNonNull(directory, "directory"), isolating,
                schema);
    }

    /** The keys to read: those of a notifier's providers ({@code notifier.schema()}) instead of the installed ones. */
    public PropertiesFormat withSchema(SettingsSchema schema) {
        return new PropertiesFormat(prefix, environment, baseDirectory, isolating,
                Objects.requireNonNull(schema, "schema"));
    }

    /**
     * Parses so that a bad entry in a server's layer (an unknown key, a value out of range, a missing
     * {@code ${env:...}}) makes only the servers whose settings include that layer invalid, instead of failing
     * the whole file: those servers report it in {@link ResolvedSettings#problems()} and refuse to send, every
     * other server works. A bad entry in the global layer, which every server includes, still fails the parse,
     * so a {@link FileSettingsSource} keeps the last good settings. Problems of structure
     * ({@code servers.<id>.inherits}, server ids) also fail it. Suits a portal run as many servers, and tools
     * that show what resolved.
     */
    public PropertiesFormat isolatingInvalidServers() {
        return new PropertiesFormat(prefix, environment, baseDirectory, true, schema);
    }

    /**
     * Writes secrets that were not read through a reference with their values. Without it {@link #format} writes a
     * secret only as the {@code ${env:...}} or {@code ${file:...}} reference it was read from, and leaves out (with
     * a comment naming the key) a secret that has none.
     */
    public PropertiesFormat writingSecretValues() {
        return new PropertiesFormat(prefix, environment, baseDirectory, isolating, schema, true);
    }

    /**
     * A key as this format writes it: {@code =}, {@code :}, {@code #}, {@code !}, spaces and control characters
     * escaped, so {@link java.util.Properties#load} reads it back unchanged. For tools that edit a settings file
     * line by line (the settings store) and must write what {@link #format} would.
     */
    public static String escapeKey(String key) {
        return PropertiesWriter.escape(Objects.requireNonNull(key, "key"), true);
    }

    /** A value as this format writes it: backslashes, control characters and a leading separator escaped. */
    public static String escapeValue(String value) {
        return PropertiesWriter.escape(Objects.requireNonNull(value, "value"), false);
    }

    /**
     * Settings as properties text that {@link #parse} reads back to equal settings: the global layer, then each
     * server's layer with its {@code inherits}, keys in the schema's order, values as an administrator writes
     * them, a cleared key as {@code key=}. Secrets are written as their references; see
     * {@link #writingSecretValues()}. Entries a layer could not read, and keys of providers that are not installed,
     * are listed in comments, since their values are not known.
     */
    public String format(Settings settings) {
        return new PropertiesWriter(prefix, secretValues).write(settings);
    }

    /**
     * Writes {@link #format} to a file, in UTF-8, replacing it.
     *
     * @throws java.io.UncheckedIOException when the file cannot be written
     */
    public void write(Settings settings, Path file) {
        try {
            Files.writeString(file, format(settings), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write the settings file " + file, e);
        }
    }

    private SettingsSchema schema() {
        return schema != null ? schema : SettingsSchema.installed();
    }

    /**
     * Reads a UTF-8 properties file; relative file references are resolved against the file's directory.
     *
     * @throws SettingsException naming each bad key, or the file when it cannot be read
     */
    public Settings read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new SettingsException(List.of(new Problem(file.toString(),
                    "cannot read the settings file: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " " + e.getMessage()))));
        }
        Path parent = file.toAbsolutePath().getParent();
        return withBaseDirectory(parent == null ? baseDirectory : parent).parse(properties);
    }

    /** Parses loaded properties. */
    public Settings parse(Properties properties) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            map.put(name, properties.getProperty(name));
        }
        return parse(map);
    }

    /**
     * Parses keys and values.
     *
     * @throws SettingsException listing every problem, each naming its key as written
     */
    public Settings parse(Map<String, String> properties) {
        List<Problem> problems = new ArrayList<>();
        SettingsSchema schema = schema();
        Layer.Builder global = Layer.builder(schema);
        Map<String, Layer.Builder> servers = new LinkedHashMap<>();
        Map<String, String> parents = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : new TreeMap<>(properties).entrySet()) {
            String fullKey = entry.getKey().strip();
            if (!fullKey.startsWith(prefix)) {
                continue;
            }
            String key = fullKey.substring(prefix.length());
            if (key.isEmpty()) {
                problems.add(new Problem(fullKey.isEmpty() ? "(empty key)" : fullKey, "a line has a value but no key"));
                continue;
            }
            Matcher server = SERVER_KEY.matcher(key);
            if (key.startsWith("servers.") && !server.matches()) {
                problems.add(new Problem(fullKey, "a server key must be servers.<id>.<key>"));
                continue;
            }
            Layer.Builder layer = global;
            String name = key;
            String layerPrefix = prefix;
            if (server.matches()) {
                String id = server.group(1);
                try {
                    Settings.checkServerId(id);
                } catch (IllegalArgumentException e) {
                    problems.add(new Problem(fullKey, e.getMessage()));
                    continue;
                }
                layer = servers.computeIfAbsent(id, i -> Layer.builder(schema));
                name = server.group(2);
                layerPrefix = prefix + "servers." + id + ".";
                if (name.equals("inherits")) {
                    String parent = entry.getValue() == null ? "" : entry.getValue().strip();
                    if (parent.isEmpty()) {
                        problems.add(new Problem(fullKey, "must name another server"));
                        continue;
                    }
                    try {
                        Settings.checkServerId(parent);
                        parents.put(id, parent);
                    } catch (IllegalArgumentException e) {
                        problems.add(new Problem(fullKey, e.getMessage()));
                    }
                    continue;
                }
            }
            set(schema, layer, layer == global ? null : layerPrefix, name, layerPrefix, entry.getValue(), problems);
        }
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        Settings.Builder settings = Settings.builder().schema(schema).keyPrefix(prefix).global(global.build());
        servers.forEach((id, layer) -> {
            String parent = parents.get(id);
            if (parent == null) {
                settings.server(id, layer.build());
            } else {
                settings.server(id, parent, layer.build());
            }
        });
        try {
            return settings.build();
        } catch (SettingsException e) {
            throw prefixed(e);
        }
    }

    /** @param serverPrefix the server layer's prefix, or null for the global layer */
    private void set(SettingsSchema schema, Layer.Builder layer, String serverPrefix, String name, String layerPrefix,
            String rawValue, List<Problem> problems) {
        SettingKey<?> key = schema.key(name).orElse(null);
        if (key == null && schema.uninstalledSection(name).isPresent()) {
            layer.uninstalled(name);
            return;
        }
        if (key == null) {
            invalid(layer, serverPrefix != null, name, layerPrefix, "unknown setting"
                    + schema.didYouMean(name, layerPrefix), problems);
            return;
        }
        String value;
        try {
            value = substitute(rawValue == null ? "" : rawValue.strip());
        } catch (IllegalArgumentException e) {
            invalid(layer, serverPrefix != null, name, layerPrefix, e.getMessage(), problems);
            return;
        }
        String raw = rawValue == null ? "" : rawValue.strip();
        boolean referenced = REFERENCE.matcher(raw).find();
        try {
            if (key.isSecret() && !value.isEmpty() && WHOLE_REFERENCE.matcher(raw).matches()) {
                layer.setSecret(name, Secret.fromReference(value, raw));
            } else if (referenced) {
                layer.setReferenced(name, value, raw);
            } else {
                layer.set(name, value);
            }
        } catch (IllegalArgumentException e) {
            String message = e.getMessage().startsWith(name + ": ") ? e.getMessage().substring(name.length() + 2) : e.getMessage();
            invalid(layer, serverPrefix != null, name, layerPrefix, referenced ? withoutValue(message, value, raw) : message,
                    problems);
        }
    }

    private void invalid(Layer.Builder layer, boolean serverLayer, String name, String layerPrefix, String message,
            List<Problem> problems) {
        if (isolating && serverLayer) {
            layer.invalid(name, message);
        } else {
            problems.add(new Problem(layerPrefix + name, message));
        }
    }

    /**
     * A message about a value read through a reference, without what the reference read: the message up to where
     * it quotes the value ({@code , was}, {@code ; was} or the first quote), then the reference as written.
     */
    private static String withoutValue(String message, String value, String raw) {
        int end = message.length();
        for (String quoting : List.of(", was ", "; was ", "'")) {
            int at = message.indexOf(quoting);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        String shown = message.substring(0, end).replaceFirst("[\\s:;,]+$", "");
        if (!value.isEmpty() && shown.contains(value)) {
            shown = shown.replace(value, "…");
        }
        return shown + " (the value read from " + raw + " is not shown)";
    }

    private String substitute(String value) {
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(lookup(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String lookup(String reference) {
        if (reference.startsWith("env:")) {
            String name = reference.substring(4).strip();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("${env:} needs a variable name");
            }
            String value = environment.apply(name);
            if (value == null) {
                throw new IllegalArgumentException("environment variable " + name + " is not set");
            }
            return value;
        }
        if (reference.startsWith("file:")) {
            String name = reference.substring(5).strip();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("${file:} needs a path");
            }
            String content = readReferencedFile(baseDirectory.resolve(name));
            if (content.endsWith("\r\n")) {
                return content.substring(0, content.length() - 2);
            }
            return content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
        }
        throw new IllegalArgumentException("unknown reference ${" + reference + "}; use ${env:NAME} or ${file:PATH}");
    }

    /**
     * Reads a referenced file: only a regular file (a symbolic link is followed, as secrets mounted by Kubernetes
     * or Docker are links, but it must end at a regular file) of at most 64 KiB, in UTF-8. A device, a FIFO, a
     * socket or a directory is refused before it is opened, so {@code /dev/zero} cannot exhaust memory nor a FIFO
     * block the reader; a file that grows past the limit while being read is refused too.
     */
    private static String readReferencedFile(Path path) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read file " + path + " (" + e.getClass().getSimpleName() + ")");
        }
        if (!attributes.isRegularFile()) {
            throw new IllegalArgumentException("file " + path + " is not a regular file ("
                    + (attributes.isDirectory() ? "a directory" : "a device, FIFO or socket")
                    + "); a reference reads only regular files");
        }
        if (attributes.size() > MAX_REFERENCED_FILE) {
            throw new IllegalArgumentException("file " + path + " is larger than 64 KiB");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(MAX_REFERENCED_FILE + 1);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read file " + path + " (" + e.getClass().getSimpleName() + ")");
        }
        if (bytes.length > MAX_REFERENCED_FILE) {
            throw new IllegalArgumentException("file " + path + " is larger than 64 KiB");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("file " + path + " is not UTF-8 text");
        }
    }

    private SettingsException prefixed(SettingsException e) {
        if (prefix.isEmpty()) {
            return e;
        }
        return new SettingsException(e.problems().stream().map(p -> new Problem(prefix + p.key(), p.message())).toList());
    }
}
