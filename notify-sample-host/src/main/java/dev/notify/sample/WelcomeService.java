package dev.notify.sample;

import dev.notify.Notifier;
import dev.notify.SendResult;
import dev.notify.ServerNotifier;
import dev.notify.message.Attachment;
import dev.notify.message.EmailMessage;
import dev.notify.message.SmsMessage;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Welcomes a new user of one of the host application's servers: an email with the getting-started guide, and an
 * SMS with a one-time passcode. Each server's own notification settings apply (its mail server, or notifications
 * turned off). Failures are the notifier's exceptions, passed on unchanged.
 *
 * <p>This class is threadsafe.
 */
public final class WelcomeService {

    /** The guide attached to every welcome email. */
    public static final String GUIDE_FILE_NAME = "getting-started.pdf";

    private static final byte[] GUIDE = "%PDF-1.4\n% getting started\n".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Notifier notifier;
    private final Supplier<String> passcodes;

    /** A service sending six-digit random passcodes. */
    public WelcomeService(Notifier notifier) {
        this(notifier, () -> String.format("%06d", RANDOM.nextInt(1_000_000)));
    }

    /** A service taking its passcodes from {@code passcodes}. */
    public WelcomeService(Notifier notifier, Supplier<String> passcodes) {
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.passcodes = Objects.requireNonNull(passcodes, "passcodes");
    }

    /** Sends the welcome email and the passcode SMS, in that order. */
    public Welcome welcome(String serverId, NewUser user) {
        ServerNotifier server = notifier.server(serverId);
        SendResult email = server.sendEmail(welcomeEmail(serverId, user));
        String passcode = passcodes.get();
        SendResult sms = server.sendSms(SmsMessage.of(user.phoneNumber(),
                "Your " + serverId + " passcode is " + passcode + ". It expires in 10 minutes."));
        return new Welcome(email, sms, passcode);
    }

    /** Queues the welcome email on the notifier's background threads and returns at once. */
    public CompletableFuture<SendResult> welcomeInBackground(String serverId, NewUser user) {
        return notifier.server(serverId).sendEmailAsync(welcomeEmail(serverId, user));
    }

    private static EmailMessage welcomeEmail(String serverId, NewUser user) {
        return EmailMessage.builder()
                .to(user.email())
                .subject("Welcome to " + serverId + ", " + user.name())
                .text("Hello " + user.name() + ",\n\nyour account on " + serverId + " is ready. "
                        + "The attached guide shows the first steps.\n")
                .html("<p>Hello " + escape(user.name()) + ",</p><p>your account on <b>" + serverId
                        + "</b> is ready.</p>")
                .attach(Attachment.of(GUIDE_FILE_NAME, "application/pdf", GUIDE))
                .header("X-Sample-Kind", "welcome")
                .build();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
