package dev.notify.spi;

import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import dev.notify.message.Message;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.SettingKeys;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * notify's one Message-ID generator: {@code <32 random hex digits@domain>}, where the domain is that of the From
 * address of the message the id goes out in. The notifier, the outbox and every provider that needs an id use it.
 *
 * <p>This class is threadsafe.
 */
public final class MessageIds {

    /** The domain of the ids of messages that have no From and whose settings name no {@code email.sender}. */
    public static final String NO_SENDER_DOMAIN = "notify.invalid";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private MessageIds() {
    }

    /** A new id in the domain of {@code from}: {@code <random@from's domain>}. */
    public static String generate(EmailAddress from) {
        return generate(domain(from));
    }

    /**
     * A new id for {@code message} sent with {@code settings}: in the domain of the email's From, else of
     * {@code email.sender}. An SMS has no From of its own: its id takes {@code email.sender}'s domain (else
     * {@value #NO_SENDER_DOMAIN}), and a provider that sends it as an email moves it into that email's From with
     * {@link #inDomainOf(String, EmailAddress)}.
     */
    public static String generate(Message message, ResolvedSettings settings) {
        if (message instanceof EmailMessage email && email.from().isPresent()) {
            return generate(email.from().get());
        }
        return generate(settings.find(SettingKeys.EMAIL_SENDER).map(MessageIds::domain).orElse(NO_SENDER_DOMAIN));
    }

    /**
     * {@code messageId} moved into the domain of {@code from}: the same unique part, so every attempt of a message
     * with a stable id gets the same result ({@code <a1b2@notify.example>} from {@code sms@example.com} is
     * {@code <a1b2@example.com>}).
     */
    public static String inDomainOf(String messageId, EmailAddress from) {
        Objects.requireNonNull(messageId, "messageId");
        int at = messageId.lastIndexOf('@');
        if (!messageId.startsWith("<") || at < 2) {
            throw new IllegalArgumentException("messageId must look like <unique@domain>, was '" + messageId + "'");
        }
        return messageId.substring(0, at + 1) + domain(from) + ">";
    }

    private static String generate(String domain) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "<" + HEX.formatHex(bytes) + "@" + domain + ">";
    }

    private static String domain(EmailAddress address) {
        String ascii = address.asciiAddress();
        return ascii.substring(ascii.lastIndexOf('@') + 1);
    }
}
