package dev.notify.cli.internal;

import dev.notify.DeliveryException;
import dev.notify.InvalidMessageException;
import dev.notify.NotifyException;
import dev.notify.Problem;
import dev.notify.RejectedRecipient;
import dev.notify.SendRejectedException;
import dev.notify.SendResult;
import dev.notify.SendStatus;
import dev.notify.SettingsException;
import dev.notify.outbox.JournalException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns results and notify's exceptions into output and an exit code, never a stack trace or a secret. */
final class Outcomes {

    private Outcomes() {
    }

    static int result(Output out, SendResult result, String what) {
        String layer = result.server().map(s -> "server " + s).orElse("the global settings");
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("status", result.status().name());
        doc.put("channel", result.channel().name().toLowerCase(java.util.Locale.ROOT));
        doc.put("server", result.server().orElse(null));
        if (result.status() == SendStatus.CHANNEL_DISABLED) {
            out.line(what + " not sent: " + result.channel().name().toLowerCase(java.util.Locale.ROOT)
                    + " is disabled for " + layer + ".");
            out.document(doc);
            return ExitCode.CHANNEL_DISABLED;
        }
        doc.put("provider", result.providerId().orElse(null));
        doc.put("messageId", result.messageId().orElse(null));
        doc.put("accepted", result.accepted());
        doc.put("rejected", rejected(result.rejected()));
        doc.put("attempts", result.attempts());
        doc.put("elapsedMs", result.elapsed().toMillis());
        doc.put("details", result.details());
        out.line(what + (result.status() == SendStatus.ACCEPTED ? " accepted" : " partly accepted") + " via "
                + result.providerId().orElse("?") + " for " + layer);
        out.line("  provider:   " + result.providerId().orElse("?"));
        out.line("  message id: " + result.messageId().orElse("?"));
        for (String accepted : result.accepted()) {
            out.line("  accepted:   " + accepted);
        }
        for (RejectedRecipient r : result.rejected()) {
            out.line("  rejected:   " + r);
        }
        result.details().forEach((k, v) -> out.line("  " + k + ": " + v));
        out.line("  attempts:   " + result.attempts() + " (" + result.elapsed().toMillis() + " ms)");
        out.document(doc);
        return result.status() == SendStatus.ACCEPTED ? ExitCode.OK : ExitCode.DELIVERY_FAILED;
    }

    static int failure(Output out, NotifyException e) {
        Map<String, Object> doc = new LinkedHashMap<>();
        if (e instanceof SettingsException s) {
            doc.put("status", "INVALID_SETTINGS");
            doc.put("problems", problems(s.problems()));
            out.error(s.problems().size() == 1 ? "Invalid setting:" : s.problems().size() + " invalid settings:");
            s.problems().forEach(p -> out.error("  " + p));
            out.document(doc);
            return ExitCode.INVALID;
        }
        if (e instanceof InvalidMessageException m) {
            doc.put("status", "INVALID_MESSAGE");
            doc.put("problems", problems(m.problems()));
            out.error("Invalid message:");
            m.problems().forEach(p -> out.error("  " + p));
            out.document(doc);
            return ExitCode.INVALID;
        }
        if (e instanceof DeliveryException d) {
            String kind = d.isTransient() ? "transient" : "permanent";
            doc.put("status", "FAILED");
            doc.put("kind", kind);
            doc.put("message", d.getMessage());
            doc.put("replyCode", d.replyCode().isPresent() ? d.replyCode().getAsInt() : null);
            doc.put("attempts", d.attempts());
            doc.put("provider", d.providerId().orElse(null));
            doc.put("server", d.server().orElse(null));
            doc.put("rejected", rejected(d.rejectedRecipients()));
            out.error("Delivery failed (" + kind + ") after " + d.attempts() + " attempt(s): " + d.getMessage());
            d.replyCode().ifPresent(code -> out.error("  server reply code: " + code));
            d.rejectedRecipients().forEach(r -> out.error("  rejected: " + r));
            out.error("  what to check: " + (d.isTransient()
                    ? "the server could not take the message now; check that it is reachable and running "
                            + "('notify check'), then try again"
                    : "the server refused the message; check the recipients, the sender address and what the "
                            + "server's reply says"));
            out.document(doc);
            return ExitCode.DELIVERY_FAILED;
        }
        if (e instanceof JournalException) {
            doc.put("status", "JOURNAL_ERROR");
            doc.put("message", e.getMessage());
            out.error("Journal error: " + e.getMessage());
            out.document(doc);
            return ExitCode.JOURNAL_ERROR;
        }
        if (e instanceof SendRejectedException) {
            doc.put("status", "REJECTED");
            doc.put("message", e.getMessage());
            out.error("Not sent: " + e.getMessage());
            out.document(doc);
            return ExitCode.DELIVERY_FAILED;
        }
        doc.put("status", "FAILED");
        doc.put("message", e.getMessage());
        out.error("Failed: " + e.getMessage());
        out.document(doc);
        return ExitCode.DELIVERY_FAILED;
    }

    static int usage(Output out, String message) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("status", "INVALID_USAGE");
        doc.put("message", message);
        out.error(message);
        out.document(doc);
        return ExitCode.INVALID;
    }

    static List<Map<String, Object>> problems(List<Problem> problems) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Problem p : problems) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", p.key());
            m.put("message", p.message());
            list.add(m);
        }
        return list;
    }

    private static List<Map<String, Object>> rejected(List<RejectedRecipient> rejected) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (RejectedRecipient r : rejected) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("address", r.address());
            m.put("code", r.replyCode() == 0 ? null : r.replyCode());
            m.put("reason", r.reason());
            m.put("transient", r.transientFailure());
            list.add(m);
        }
        return list;
    }
}
