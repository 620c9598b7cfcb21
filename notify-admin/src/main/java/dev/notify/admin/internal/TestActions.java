package dev.notify.admin.internal;

import dev.notify.Channel;
import dev.notify.CheckReport;
import dev.notify.DeliveryException;
import dev.notify.NotifyException;
import dev.notify.Notifier;
import dev.notify.Problem;
import dev.notify.RejectedRecipient;
import dev.notify.SendResult;
import dev.notify.SendStatus;
import dev.notify.ServerNotifier;
import dev.notify.SettingsException;
import dev.notify.message.SmsMessage;
import dev.notify.settings.Settings;
import dev.notify.web.Html;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Test Email, Check and Test SMS with given settings (the page's, unsaved edits included), on a notifier made for
 * the one test and closed after it. The outcome is an HTML fragment for the result panel and the problems by full
 * key for the fields; nothing shown holds a secret: results, check items and reply texts are what the CLI prints.
 * Test Email adds the connection steps of the provider's check when the server answered.
 */
final class TestActions {

    /**
     * The result panel's content and the problems to show next to fields.
     *
     * @param serverAnswered whether the provider's server answered: a result, or a refusal with a reply code
     */
    record Outcome(Html panel, List<Problem> problems, boolean serverAnswered) {
    }

    enum Kind {
        TEST_EMAIL("Test Email"), CHECK("Check"), TEST_SMS("Test SMS");

        final String title;

        Kind(String title) {
            this.title = title;
        }
    }

    private final Function<Settings, Notifier> notifiers;

    TestActions(Function<Settings, Notifier> notifiers) {
        this.notifiers = notifiers;
    }

    Outcome run(Kind kind, Settings settings, LayerRef layer, String recipient) {
        try (Notifier notifier = notifiers.apply(settings)) {
            ServerNotifier target = layer.isGlobal() ? notifier.global() : notifier.server(layer.id());
            Outcome outcome = attempt(kind, target, layer, recipient);
            return kind == Kind.TEST_EMAIL && outcome.serverAnswered() ? withSteps(outcome, target) : outcome;
        }
    }

    private static Outcome attempt(Kind kind, ServerNotifier target, LayerRef layer, String recipient) {
        try {
            return switch (kind) {
                case TEST_EMAIL -> sent(kind, target.sendTestEmail(recipient));
                case TEST_SMS -> sent(kind, target.sendSms(SmsMessage.of(recipient,
                        "notify test SMS from " + layer.title().toLowerCase(Locale.ROOT))));
                case CHECK -> checked(target);
            };
        } catch (SettingsException e) {
            return failed(kind, "Not sent: the settings have a problem", e.problems(), null, e);
        } catch (DeliveryException e) {
            return failed(kind, "Refused (" + (e.isTransient() ? "transient" : "permanent") + ")", List.of(),
                    e, e);
        } catch (NotifyException e) {
            return failed(kind, "Failed", List.of(), null, e);
        } catch (IllegalArgumentException e) {
            return failed(kind, "Not sent", List.of(), null, e);
        }
    }

    /**
     * The outcome with the steps the provider's check finds on a connection of its own (for SMTP: the server, the
     * greeting, the extensions, STARTTLS, the TLS session, the AUTH mechanism), run only when the server answered
     * the send, so an unreachable server is not waited for twice. The check's items hold no secret.
     */
    private static Outcome withSteps(Outcome outcome, ServerNotifier target) {
        CheckReport report;
        try {
            report = target.check(Channel.EMAIL);
        } catch (NotifyException | IllegalArgumentException e) {
            return outcome;
        }
        Html html = Html.fragment().append(outcome.panel());
        html.element("h3", "Connection steps (" + report.providerId() + ", checked on a connection of its own, "
                + "nothing sent)");
        html.open("ol", "class", "steps");
        report.items().forEach(item -> html.element("li", item.name() + ": " + item.value()));
        report.failure().ifPresent(failure -> html.element("li", "failed: " + failure));
        html.close("ol");
        return new Outcome(html, outcome.problems(), true);
    }

    private static Outcome sent(Kind kind, SendResult result) {
        Html html = Html.fragment();
        boolean accepted = result.status() == SendStatus.ACCEPTED;
        String headline = switch (result.status()) {
            case ACCEPTED -> "Accepted";
            case PARTIALLY_ACCEPTED -> "Partly accepted";
            case CHANNEL_DISABLED -> "Not sent: " + result.channel().name().toLowerCase(Locale.ROOT)
                    + " is disabled here";
            default -> result.status().name();
        };
        html.element("h2", kind.title + ": " + headline, "class", accepted ? "ok" : "failed");
        html.open("dl");
        item(html, "provider", result.providerId().orElse("-"));
        item(html, "message id", result.messageId().orElse("-"));
        result.accepted().forEach(a -> item(html, "accepted", a));
        for (RejectedRecipient r : result.rejected()) {
            item(html, "refused", r.toString());
        }
        for (Map.Entry<String, String> detail : result.details().entrySet()) {
            item(html, detail.getKey(), detail.getValue());
        }
        item(html, "attempts", result.attempts() + " (" + result.elapsed().toMillis() + " ms)");
        html.close("dl");
        return new Outcome(html, List.of(), result.status() != SendStatus.CHANNEL_DISABLED);
    }

    private static Outcome checked(ServerNotifier target) {
        List<Channel> channels = new ArrayList<>();
        for (Channel channel : Channel.values()) {
            if (target.status(channel).enabled()) {
                channels.add(channel);
            }
        }
        if (channels.isEmpty()) {
            channels.add(Channel.EMAIL);
        }
        Html html = Html.fragment();
        List<Problem> problems = new ArrayList<>();
        boolean ok = true;
        Html body = Html.fragment();
        for (Channel channel : channels) {
            CheckReport report = target.check(channel);
            ok &= report.ok();
            problems.addAll(report.settingsProblems());
            body.element("h3", channel.name().toLowerCase(Locale.ROOT) + " via " + report.providerId() + ": "
                    + (report.ok() ? "OK" : "failed"));
            body.open("dl");
            for (CheckReport.Item item : report.items()) {
                item(body, item.name(), item.value());
            }
            report.failure().ifPresent(f -> item(body, "problem", f));
            body.close("dl");
        }
        html.element("h2", "Check: " + (ok ? "OK" : "failed"), "class", ok ? "ok" : "failed");
        html.append(body);
        problemList(html, problems);
        return new Outcome(html, problems, true);
    }

    private static Outcome failed(Kind kind, String headline, List<Problem> problems, DeliveryException delivery,
            RuntimeException e) {
        Html html = Html.fragment();
        html.element("h2", kind.title + ": " + headline, "class", "failed");
        html.open("dl");
        if (delivery != null) {
            delivery.replyCode().ifPresent(code -> item(html, "reply code", Integer.toString(code)));
            delivery.providerId().ifPresent(p -> item(html, "provider", p));
            delivery.rejectedRecipients().forEach(r -> item(html, "refused", r.toString()));
            item(html, "attempts", Integer.toString(delivery.attempts()));
        }
        if (problems.isEmpty()) {
            item(html, "error", String.valueOf(e.getMessage()));
        }
        html.close("dl");
        problemList(html, problems);
        return new Outcome(html, problems, delivery != null && delivery.replyCode().isPresent());
    }

    private static void problemList(Html html, List<Problem> problems) {
        if (problems.isEmpty()) {
            return;
        }
        html.element("p", "Fix these settings:");
        html.open("ul", "class", "problems");
        problems.forEach(p -> html.element("li", p.key() + ": " + p.message()));
        html.close("ul");
    }

    private static void item(Html html, String name, String value) {
        html.element("dt", name).element("dd", value);
    }
}
