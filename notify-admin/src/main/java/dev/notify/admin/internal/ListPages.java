package dev.notify.admin.internal;

import dev.notify.admin.Administrator;
import dev.notify.settings.Layer;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.ResolvedValue;
import dev.notify.settings.SettingKey;
import dev.notify.settings.Settings;
import dev.notify.store.HistoryEntry;
import dev.notify.web.Html;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** The fleet view, a server's "what differs from its parent" view and the history view. */
final class ListPages {

    private ListPages() {
    }

    static Html fleet(String mount, Administrator admin, SnapshotView view) {
        Settings settings = view.settings();
        Html html = Layout.start(mount, "Servers", admin);
        html.element("p", settings.serverIds().size() + " servers and regions; version " + view.snapshot().version()
                + ".", "id", "fleet-summary");
        html.append(view.fleetTable(() -> fleetTable(mount, view)));
        return html.end();
    }

    private static Html fleetTable(String mount, SnapshotView view) {
        Settings settings = view.settings();
        Html html = Html.fragment();
        html.open("table", "id", "fleet").open("thead").open("tr");
        for (String heading : List.of("Server", "Kind", "Inherits from", "Overridden keys", "Differences")) {
            html.element("th", heading, "scope", "col");
        }
        html.close("tr").close("thead").open("tbody");
        List<String> ids = new ArrayList<>(settings.serverIds());
        Collections.sort(ids);
        for (String id : ids) {
            boolean region = view.isRegion(id);
            String page = mount + (region ? "/regions/" : "/servers/") + id;
            html.open("tr", "data-server", id);
            html.open("th", "scope", "row").element("a", id, "href", page).close("th");
            html.element("td", region ? "region" : "server");
            html.element("td", settings.parentOf(id).orElse("global"));
            html.element("td", Integer.toString(settings.server(id).map(l -> l.keys().size()).orElse(0)),
                    "class", "overrides");
            html.open("td").element("a", "what differs", "href", mount + "/servers/" + id + "/diff").close("td");
            html.close("tr");
        }
        html.close("tbody").close("table");
        return html;
    }

    static Html diff(String mount, Administrator admin, SnapshotView view, String id) {
        Settings settings = view.settings();
        LayerRef layer = new LayerRef(LayerRef.Kind.SERVER, id);
        String parentName = settings.parentOf(id).map(p -> "region " + p).orElse("global");
        Html html = Layout.start(mount, "Server " + id + ": what differs from " + parentName, admin);
        html.open("p").element("a", "Edit server " + id, "href", mount + "/servers/" + id).close("p");
        Layer own = layer.own(settings);
        ResolvedSettings mine = layer.resolve(settings);
        ResolvedSettings parent = layer.parent(settings).orElseThrow();
        if (own.keys().isEmpty()) {
            html.element("p", "Server " + id + " overrides nothing: every value comes from " + parentName + ".",
                    "id", "no-differences");
            return html.end();
        }
        html.open("table", "id", "diff").open("thead").open("tr");
        for (String heading : List.of("Key", "This server", parentName.substring(0, 1).toUpperCase() + parentName.substring(1))) {
            html.element("th", heading, "scope", "col");
        }
        html.close("tr").close("thead").open("tbody");
        for (SettingKey<?> key : view.schema().keys()) {
            if (!own.mentions(key)) {
                continue;
            }
            html.open("tr", "data-key", layer.prefix() + key.name());
            html.element("th", layer.prefix() + key.name(), "scope", "row");
            html.element("td", shown(key, find(mine, key)));
            html.element("td", shown(key, find(parent, key)));
            html.close("tr");
        }
        html.close("tbody").close("table");
        return html.end();
    }

    private static Optional<ResolvedValue<?>> find(ResolvedSettings settings, SettingKey<?> key) {
        return settings.resolvedValue(key.name()).filter(v -> v.key().equals(key));
    }

    private static String shown(SettingKey<?> key, Optional<ResolvedValue<?>> value) {
        boolean present = value.flatMap(ResolvedValue::value).isPresent();
        if (key.isSecret()) {
            return present ? "set" : "not set";
        }
        return present ? value.get().displayValue() : "(not set)";
    }

    static Html history(String mount, Administrator admin, List<HistoryEntry> entries) {
        Html html = Layout.start(mount, "History", admin);
        if (entries.isEmpty()) {
            html.element("p", "No change recorded yet.", "id", "no-history");
            return html.end();
        }
        html.open("table", "id", "history").open("thead").open("tr");
        for (String heading : List.of("Version", "Time", "Author", "Kind", "Comment", "Changes")) {
            html.element("th", heading, "scope", "col");
        }
        html.close("tr").close("thead").open("tbody");
        List<HistoryEntry> newestFirst = new ArrayList<>(entries);
        Collections.reverse(newestFirst);
        for (HistoryEntry entry : newestFirst) {
            html.open("tr", "data-version", Long.toString(entry.version()));
            html.element("th", Long.toString(entry.version()), "scope", "row");
            html.element("td", entry.time().toString());
            html.element("td", entry.author());
            html.element("td", entry.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
            html.element("td", entry.comment().orElse(""));
            html.open("td").open("ul");
            entry.changes().forEach(c -> html.element("li", c.toString()));
            html.close("ul").close("td");
            html.close("tr");
        }
        html.close("tbody").close("table");
        return html.end();
    }

    /** The conflict panel: what was saved since the page was loaded, by whom. */
    static Html conflict(long base, long current, List<HistoryEntry> since) {
        Html html = Html.fragment();
        html.element("h2", "Someone else saved first");
        html.element("p", "These settings changed since you loaded them (version " + base + ", now version " + current
                + "). Your edits are kept below and nothing of them is saved; check what changed, then Save again "
                + "to apply your edits over version " + current + ".");
        html.open("ul");
        for (HistoryEntry entry : since) {
            html.open("li").text("Version " + entry.version() + " by " + entry.author() + " at " + entry.time()
                    + entry.comment().map(c -> " (" + c + ")").orElse("") + ":");
            html.open("ul");
            entry.changes().forEach(c -> html.element("li", c.toString()));
            html.close("ul").close("li");
        }
        html.close("ul");
        return html;
    }
}
