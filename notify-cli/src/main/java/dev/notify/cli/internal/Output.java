package dev.notify.cli.internal;

import dev.notify.internal.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where a command writes: human text, or one JSON document on stdout with {@code --json}. */
public final class Output {

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final List<String> warnings = new ArrayList<>();

    public Output(PrintWriter out, PrintWriter err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    boolean json() {
        return json;
    }

    /** A line of human output; nothing with --json. */
    void line(String text) {
        if (!json) {
            out.println(text);
            out.flush();
        }
    }

    /** A line about a failure, on stderr; nothing with --json. */
    void error(String text) {
        if (!json) {
            err.println(text);
            err.flush();
        }
    }

    /** A warning: a line on stderr, or with --json an entry of the document's {@code warnings}. */
    void warning(String text) {
        warnings.add(text);
        error("Warning: " + text);
    }

    /** The JSON document, with {@code warnings} when there were any; nothing without --json. */
    void document(Map<String, Object> document) {
        if (json) {
            Map<String, Object> written = document;
            if (!warnings.isEmpty()) {
                written = new LinkedHashMap<>(document);
                written.put("warnings", List.copyOf(warnings));
            }
            out.println(Json.write(written));
            out.flush();
        }
    }
}
