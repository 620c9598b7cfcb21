package dev.notify.store.internal;

import dev.notify.settings.PropertiesFormat;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * A properties file's text as lines, so that changing some entries rewrites only their lines: comments, blank
 * lines, order and the formatting of every untouched entry stay as they were. New global keys go after the last
 * global entry, new server keys after the last entry of their server (or at the end, under a blank line).
 * Immutable.
 */
final class PropertiesDocument {

    private final List<String> lines;
    private final List<Entry> entries;
    private final String newline;

    /** A logical entry: its key and value as {@link Properties} reads them, and its physical lines. */
    private record Entry(String key, String value, int first, int last) {
    }

    private PropertiesDocument(List<String> lines, List<Entry> entries, String newline) {
        this.lines = lines;
        this.entries = entries;
        this.newline = newline;
    }

    static PropertiesDocument parse(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String trimmed = lines.get(i).stripLeading();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
                continue;
            }
            int first = i;
            StringBuilder logical = new StringBuilder(lines.get(i));
            while (continues(lines.get(i)) && i + 1 < lines.size()) {
                i++;
                logical.append('\n').append(lines.get(i));
            }
            Properties one = new Properties();
            try {
                one.load(new StringReader(logical.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (String key : one.stringPropertyNames()) {
                entries.add(new Entry(key.strip(), one.getProperty(key).strip(), first, i));
            }
        }
        return new PropertiesDocument(lines, entries, text.contains("\r\n") ? "\r\n" : "\n");
    }

    private static boolean continues(String line) {
        int backslashes = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    /** Key to value, in the order keys first appear; a key written twice has its last value, as Properties reads it. */
    Map<String, String> entries() {
        Map<String, String> map = new LinkedHashMap<>();
        entries.forEach(e -> map.put(e.key(), e.value()));
        return Collections.unmodifiableMap(map);
    }

    /** The text with exactly {@code next}'s entries, changing only the lines of entries that differ. */
    String rewrite(Map<String, String> next) {
        Map<String, String> current = entries();
        Map<Integer, String> replaced = new LinkedHashMap<>();
        Set<Integer> removed = new HashSet<>();
        Map<String, Integer> lastOf = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            lastOf.put(entries.get(i).key(), i);
        }
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            String value = next.get(e.key());
            if (value != null && value.equals(current.get(e.key()))) {
                continue;
            }
            for (int line = e.first(); line <= e.last(); line++) {
                removed.add(line);
            }
            if (value != null && lastOf.get(e.key()) == i) {
                replaced.put(e.first(), keyPart(lines.get(e.first()), e.key()) + escape(value, false));
            }
        }
        Map<Integer, List<String>> inserted = new LinkedHashMap<>();
        List<String> appended = new ArrayList<>();
        String appendedLayer = null;
        for (Map.Entry<String, String> e : next.entrySet()) {
            if (current.containsKey(e.getKey())) {
                continue;
            }
            String line = escape(e.getKey(), true) + "=" + escape(e.getValue(), false);
            int after = insertionPoint(e.getKey());
            if (after < 0) {
                String layer = layerOf(e.getKey());
                boolean startsBlock = !layer.equals(appendedLayer);
                boolean afterText = appended.isEmpty() ? !lines.isEmpty() && !lines.get(lines.size() - 1).isBlank()
                        : !appended.get(appended.size() - 1).isBlank();
                if (startsBlock && afterText) {
                    appended.add("");
                }
                appended.add(line);
                appendedLayer = layer;
            } else {
                inserted.computeIfAbsent(after, k -> new ArrayList<>()).add(line);
            }
        }
        StringBuilder out = new StringBuilder();
        if (inserted.containsKey(-2)) {
            inserted.get(-2).forEach(l -> out.append(l).append(newline));
        }
        for (int i = 0; i < lines.size(); i++) {
            if (replaced.containsKey(i)) {
                out.append(replaced.get(i)).append(newline);
            } else if (!removed.contains(i)) {
                out.append(lines.get(i)).append(newline);
            }
            if (inserted.containsKey(i)) {
                inserted.get(i).forEach(l -> out.append(l).append(newline));
            }
        }
        appended.forEach(l -> out.append(l).append(newline));
        return out.toString();
    }

    /**
     * The line after which a new key goes: the last line of its layer's last entry; -2 for a global key in a file
     * whose entries are all servers' (it goes first); -1 to append at the end.
     */
    private int insertionPoint(String key) {
        String layer = layerOf(key);
        int last = -1;
        for (Entry e : entries) {
            if (layerOf(e.key()).equals(layer)) {
                last = e.last();
            }
        }
        if (last >= 0) {
            return last;
        }
        if (layer.isEmpty() && !entries.isEmpty()) {
            return -2;
        }
        return -1;
    }

    private static String layerOf(String key) {
        String server = StoredEntries.serverOf(key);
        return server == null ? "" : server;
    }

    /** The line's key and separator as written, or {@code key=} when they cannot be kept. */
    private static String keyPart(String line, String key) {
        int i = 0;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        int start = i;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '=' || c == ':' || Character.isWhitespace(c)) {
                break;
            }
            i++;
        }
        if (i > line.length() || !unescapedKey(line.substring(start, i)).equals(key)) {
            return escape(key, true) + "=";
        }
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        if (i < line.length() && (line.charAt(i) == '=' || line.charAt(i) == ':')) {
            i++;
            while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
        } else if (i == line.length()) {
            return line + "=";
        }
        return line.substring(0, i);
    }

    private static String unescapedKey(String written) {
        Properties one = new Properties();
        try {
            one.load(new StringReader(written + "="));
        } catch (IOException | IllegalArgumentException e) {
            return "";
        }
        return one.stringPropertyNames().stream().findFirst().orElse("");
    }

    /** Escapes text as a properties key or value, as notify's properties format writes it. */
    static String escape(String text, boolean key) {
        return key ? PropertiesFormat.escapeKey(text) : PropertiesFormat.escapeValue(text);
    }
}
