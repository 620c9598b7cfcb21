package dev.notify.testkit.assertions;

import dev.notify.message.Attachment;
import dev.notify.message.EmailMessage;
import dev.notify.message.SmsMessage;
import java.util.List;
import java.util.function.Function;

/** One-line descriptions of sent messages for failure messages. */
final class Lines {

    private Lines() {
    }

    static String email(EmailMessage m) {
        StringBuilder b = new StringBuilder("email to ").append(m.to());
        if (!m.cc().isEmpty()) {
            b.append(" cc ").append(m.cc());
        }
        if (!m.bcc().isEmpty()) {
            b.append(" bcc ").append(m.bcc());
        }
        m.from().ifPresent(f -> b.append(" from ").append(f));
        b.append(", subject '").append(m.subject()).append('\'');
        m.text().ifPresent(t -> b.append(", text '").append(abbreviate(t)).append('\''));
        m.html().ifPresent(t -> b.append(", html '").append(abbreviate(t)).append('\''));
        if (!m.attachments().isEmpty()) {
            b.append(", attachments ").append(m.attachments().stream().map(Attachment::fileName).toList());
        }
        if (!m.headers().isEmpty()) {
            b.append(", headers ").append(m.headers());
        }
        return b.toString();
    }

    static String sms(SmsMessage m) {
        return "SMS to " + m.phoneNumber() + ", text '" + abbreviate(m.text()) + "'";
    }

    /** A numbered list, one message a line, of at most this many messages. */
    static final int MAX_LISTED = 25;

    /** A numbered list, one message a line, or "(none)". */
    static <T> String list(List<T> messages, Function<T, String> line) {
        if (messages.isEmpty()) {
            return "  (none)";
        }
        StringBuilder b = new StringBuilder();
        int shown = Math.min(messages.size(), MAX_LISTED);
        for (int i = 0; i < shown; i++) {
            b.append(i == 0 ? "" : "\n").append("  ").append(i + 1).append(". ").append(line.apply(messages.get(i)));
        }
        if (messages.size() > shown) {
            b.append("\n  ... and ").append(messages.size() - shown).append(" more");
        }
        return b.toString();
    }

    private static String abbreviate(String text) {
        String line = text.replace("\r", "").replace("\n", "\\n");
        return line.length() <= 100 ? line : line.substring(0, 97) + "...";
    }
}
