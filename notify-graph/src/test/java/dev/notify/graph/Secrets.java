package dev.notify.graph;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Helpers for proving a secret never shows. */
final class Secrets {

    private Secrets() {
    }

    /** The exception's toString and stack trace with every cause, as a log would print it. */
    static String everythingPrinted(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return e + "\n" + out;
    }
}
