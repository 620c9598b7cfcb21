package dev.notify.cli.internal;

import java.io.PrintWriter;
import java.util.Map;

/** Where a command writes: human text, or one JSON document on stdout with {@code --json}. */
public final class Output {

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;

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

    /** The JSON document; nothing without --json. */
    void document(Map<String, Object> document) {
        if (json) {
            out.println(Json.write(document));
            out.flush();
        }
    }
}
