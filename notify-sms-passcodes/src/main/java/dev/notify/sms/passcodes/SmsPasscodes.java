package dev.notify.sms.passcodes;

import dev.notify.InvalidMessageException;
import dev.notify.Notifier;
import dev.notify.SendResult;
import dev.notify.ServerNotifier;
import dev.notify.message.SmsMessage;
import dev.notify.template.TemplateMessage;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends one-time passcodes by SMS, with whichever SMS provider the server's settings choose
 * ({@code sms.delivery-method}): the email-to-SMS gateway, an HTTP SMS service or a provider of your own. This
 * module installs no provider, so adding it never changes which provider delivers SMS.
 *
 * <pre>{@code
 * SmsPasscodes passcodes = SmsPasscodes.of(notifier);
 * passcodes.send("eu-1", "+1 (555) 010-1234", "123456", Duration.ofMinutes(10));
 * // "Your passcode is 123456. It expires in 10 min."
 * }</pre>
 *
 * <p>The text is the template {@code passcode} of the server's settings ({@code templates.passcode.sms}, with
 * {@code {{code}}} and {@code {{minutes}}}, the validity in whole minutes, rounded down so the text never promises
 * more time than the code has): an administrator overrides it per server or translates it
 * ({@code templates.passcode.de.sms}) like every template, and the recipient's locale picks the language
 * ({@link #send(String, String, String, Duration, Locale)}). Its shipped English default, the same as
 * {@link #DEFAULT_TEMPLATE}, fits one GSM-7 segment with any valid code. A host may instead fix one text in code
 * with {@link #withTemplate}, whose placeholders are {@code {code}} and {@code {minutes}}. Sending returns and throws
 * what {@link ServerNotifier#sendSms} does; a text longer than the server's {@code sms.max-segments} is refused
 * before anything is sent.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class SmsPasscodes {

    /** The default text, as {@link #withTemplate} writes it; the settings' shipped default says the same. */
    public static final String DEFAULT_TEMPLATE = "Your passcode is {code}. It expires in {minutes} min.";

    private static final Pattern CODE = Pattern.compile("[0-9]{4,10}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    /** The template of the settings ({@code templates.passcode.sms}) that gives the text. */
    public static final String TEMPLATE_NAME = "passcode";

    private final Notifier notifier;
    /** The text fixed in code with {@link #withTemplate}, or null for the settings' template. */
    private final String template;

    private SmsPasscodes(Notifier notifier, String template) {
        this.notifier = notifier;
        this.template = template;
    }

    /** Passcodes sent through {@code notifier} with the text of the settings' template {@code passcode}. */
    public static SmsPasscodes of(Notifier notifier) {
        return new SmsPasscodes(Objects.requireNonNull(notifier, "notifier"), null);
    }

    /**
     * The same, with another text, such as {@code "{code} is your Acme guest code, valid {minutes} minutes."}.
     *
     * @throws IllegalArgumentException naming {@code template} when it is blank, lacks {@code {code}}, or has
     *     a placeholder other than {@code {code}} and {@code {minutes}}
     */
    public SmsPasscodes withTemplate(String template) {
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException("template must not be empty");
        }
        if (!template.contains("{code}")) {
            throw new IllegalArgumentException("template must contain {code}, was '" + template + "'");
        }
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!m.group(1).equals("code") && !m.group(1).equals("minutes")) {
                throw new IllegalArgumentException("template has the unknown placeholder " + m.group()
                        + "; only {code} and {minutes} are replaced");
            }
        }
        return new SmsPasscodes(notifier, template);
    }

    /**
     * The text fixed with {@link #withTemplate}, or {@link #DEFAULT_TEMPLATE} when the text comes from the settings'
     * template {@code passcode}.
     */
    public String template() {
        return template == null ? DEFAULT_TEMPLATE : template;
    }

    /**
     * The text that {@link #sendGlobal} would send: with the global settings' template in its default texts.
     *
     * @throws InvalidMessageException naming {@code code} unless it is 4-10 digits, or {@code validity} unless it
     *     is at least one minute
     */
    public String text(String code, Duration validity) {
        check(code, validity);
        if (template != null) {
            return template.replace("{code}", code).replace("{minutes}", Long.toString(validity.toMinutes()));
        }
        return notifier.global().render(message("", code, validity, Locale.ROOT)).sms()
                .orElseThrow(() -> new InvalidMessageException("template", "the template passcode has no sms text"))
                .text();
    }

    private static void check(String code, Duration validity) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new InvalidMessageException("code", "must be 4-10 digits (0-9), was "
                    + (code == null ? "null" : code.length() + " characters"));
        }
        if (validity == null || validity.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new InvalidMessageException("validity", "must be at least one minute, was " + validity);
        }
    }

    private static TemplateMessage message(String phoneNumber, String code, Duration validity, Locale locale) {
        TemplateMessage message = TemplateMessage.of(TEMPLATE_NAME, locale).with("code", code)
                .with("minutes", Long.toString(validity.toMinutes()));
        return phoneNumber.isEmpty() ? message : message.to(phoneNumber);
    }

    /**
     * Sends a passcode with a server's settings.
     *
     * @param serverId    the server whose settings apply
     * @param phoneNumber the number as typed; normalised by the SMS provider
     * @param code        4-10 digits
     * @param validity    how long the code is valid, at least one minute
     * @throws InvalidMessageException naming {@code code}, {@code validity}, {@code phone-number} or {@code text}
     */
    public SendResult send(String serverId, String phoneNumber, String code, Duration validity) {
        return send(notifier.server(serverId), phoneNumber, code, validity, Locale.ROOT);
    }

    /**
     * Sends a passcode with a server's settings in the recipient's language: the settings' template
     * {@code passcode} for {@code locale} ({@code templates.passcode.de.sms}), falling back as every template does
     * ({@code de-CH}, {@code de}, the default text). A text fixed with {@link #withTemplate} ignores the locale.
     *
     * @throws InvalidMessageException as {@link #send(String, String, String, Duration)} does
     */
    public SendResult send(String serverId, String phoneNumber, String code, Duration validity, Locale locale) {
        return send(notifier.server(serverId), phoneNumber, code, validity, Objects.requireNonNull(locale, "locale"));
    }

    /** Sends a passcode with the global settings; see {@link #send(String, String, String, Duration)}. */
    public SendResult sendGlobal(String phoneNumber, String code, Duration validity) {
        return send(notifier.global(), phoneNumber, code, validity, Locale.ROOT);
    }

    private SendResult send(ServerNotifier target, String phoneNumber, String code, Duration validity, Locale locale) {
        check(code, validity);
        if (template != null) {
            return target.sendSms(SmsMessage.of(phoneNumber, text(code, validity)));
        }
        return target.sendSms(message(phoneNumber, code, validity, locale));
    }

    @Override
    public String toString() {
        return "SmsPasscodes[" + (template == null ? "template " + TEMPLATE_NAME + " of the settings"
                : "template='" + template + "'") + "]";
    }
}
