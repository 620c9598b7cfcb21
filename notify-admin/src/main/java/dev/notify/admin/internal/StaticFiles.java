package dev.notify.admin.internal;

import dev.notify.web.WebResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/** The page's one script and one stylesheet, read from the jar once. */
final class StaticFiles {

    private static final Map<String, String> TYPES = Map.of(
            "admin.js", "text/javascript; charset=utf-8",
            "admin.css", "text/css; charset=utf-8");

    private final Map<String, byte[]> files;

    StaticFiles() {
        this.files = Map.of("admin.js", read("admin.js"), "admin.css", read("admin.css"));
    }

    Optional<WebResponse> get(String name) {
        byte[] body = files.get(name);
        return body == null ? Optional.empty() : Optional.of(WebResponse.of(200, TYPES.get(name), body));
    }

    private static byte[] read(String name) {
        try (InputStream in = StaticFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the notify-admin jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
