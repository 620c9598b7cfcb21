package dev.notify.admin.internal;

import dev.notify.admin.Administrator;
import dev.notify.web.Html;

/** The frame every admin page shares: head with the one stylesheet and script, navigation, the signed-in user. */
final class Layout {

    private Layout() {
    }

    /** Starts a page and opens its {@code <main>}; finish it with {@link Html#end()}. */
    static Html start(String mount, String title, Administrator admin) {
        Html html = Html.document("en", title + " · Email and SMS", mount + "/static/admin.css",
                mount + "/static/admin.js");
        html.open("header", "class", "top");
        html.open("nav", "aria-label", "Admin pages").open("ul");
        link(html, mount + "/", "Global");
        link(html, mount + "/fleet", "Servers");
        link(html, mount + "/history", "History");
        html.close("ul").close("nav");
        html.element("p", "Signed in as " + admin.displayName(), "class", "who");
        html.close("header");
        html.open("main", "id", "main");
        html.element("h1", title);
        return html;
    }

    private static void link(Html html, String href, String text) {
        html.open("li").element("a", text, "href", href).close("li");
    }

    /** A page with a heading and one paragraph, for refusals and missing pages (no navigation: no admin yet). */
    static Html message(String mount, String title, String text) {
        Html html = Html.document("en", title, mount + "/static/admin.css", null);
        html.open("main", "id", "main").element("h1", title).element("p", text, "id", "message");
        return html.end();
    }
}
