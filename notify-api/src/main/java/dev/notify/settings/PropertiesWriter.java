package dev.notify.settings;

import dev.notify.Problem;
import java.util.Optional;

/** Writes settings as properties text; see {@link PropertiesFormat#format(Settings)}. */
final class PropertiesWriter {

    private final String prefix;
    private final boolean secretValues;
    private final StringBuilder out = new StringBuilder();

    PropertiesWriter(String prefix, boolean secretValues) {
        this.prefix = prefix;
        this.secretValues = secretValues;
    }

    String write(Settings settings) {
        layer(settings.global(), "");
        for (String id : settings.serverIds()) {
            String layerPrefix = "servers." + id + ".";
            out.append('\n');
            settings.parentOf(id).ifPresent(parent -> line(layerPrefix + "inherits", parent));
            layer(settings.server(id).orElseThrow(), layerPrefix);
        }
        return out.toString();
    }

    private void layer(Layer layer, String layerPrefix) {
        for (SettingKey<?> key : layer.keys()) {
            Optional<?> value = layer.raw(key);
            String name = layerPrefix + key.name();
            if (value.isEmpty()) {
                line(name, "");
            } else if (!key.isSecret() && layer.reference(key).isPresent()) {
                line(name, layer.reference(key).get());
            } else if (value.get() instanceof Secret secret && !secretValues) {
                secret.reference().ifPresentOrElse(reference -> line(name, reference),
                        () -> comment(name + " is a secret without a ${env:...} or ${file:...} reference; not written"));
            } else {
                String text = value.get() instanceof Secret secret ? secret.reveal() : key.format(value.get());
                if (text.contains("${")) {
                    comment(name + " has a value that would read back as a reference; not written");
                } else {
                    line(name, text);
                }
            }
        }
        for (Problem problem : layer.problems()) {
            comment(layerPrefix + problem.key() + " could not be read: " + problem.message());
        }
        for (String key : layer.uninstalledKeys()) {
            comment(layerPrefix + key + " belongs to a provider that is not installed; not written");
        }
    }

    private void line(String key, String value) {
        out.append(escape(prefix + key, true)).append('=').append(escape(value, false)).append('\n');
    }

    private void comment(String text) {
        out.append("# ").append(text.replace('\n', ' ').replace('\r', ' ')).append('\n');
    }

    /** The text as a properties key ({@code key}) or value, escaped as {@link java.util.Properties#load} reads it. */
    static String escape(String text, boolean key) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '\t' -> escaped.append("\\t");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\f' -> escaped.append("\\f");
                case '=', ':', '#', '!' -> escaped.append(key || i == 0 ? "\\" + c : String.valueOf(c));
                case ' ' -> escaped.append(key || i == 0 ? "\\ " : " ");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
