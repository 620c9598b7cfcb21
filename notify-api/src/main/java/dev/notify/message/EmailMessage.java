package dev.notify.message;

import dev.notify.InvalidMessageException;
import dev.notify.internal.CoreAccess;
import dev.notify.Problem;
import dev.notify.internal.HeaderText;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An email: recipients, subject, a text and/or HTML body, attachments, inline parts and extra headers.
 *
 * <p>Build one with {@link #builder()}. Building validates everything and reports every problem at once in an
 * {@link InvalidMessageException} naming each field ({@code to[1]}, {@code subject}, {@code header[X-Ticket]}).
 * A line break or other control character in any header value is refused, never folded or passed through.
 * When {@link #from()} is empty, the notifier uses the server's {@code email.sender}; when {@link #messageId()}
 * is empty, the notifier assigns one that stays the same across retries.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class EmailMessage implements Message {

    private static final Pattern HEADER_NAME = Pattern.compile("[!-9;-~]{1,76}");
    private static final Pattern MESSAGE_ID = Pattern.compile("<[!-;=?-~]{1,250}@[A-Za-z0-9.-]{1,253}>");
    private static final Set<String> RESERVED_HEADERS = Set.of("from", "to", "cc", "bcc", "reply-to", "subject",
            "date", "message-id", "mime-version", "sender", "content-type", "content-transfer-encoding",
            "content-disposition", "content-id", "return-path", "received");

    private final EmailAddress from;
    private final List<EmailAddress> to;
    private final List<EmailAddress> cc;
    private final List<EmailAddress> bcc;
    private final List<EmailAddress> replyTo;
    private final String subject;
    private final String text;
    private final String html;
    private final List<Attachment> attachments;
    private final Map<String, String> headers;
    private final String messageId;

    private EmailMessage(Builder b, List<EmailAddress> to, List<EmailAddress> cc, List<EmailAddress> bcc,
            List<EmailAddress> replyTo, EmailAddress from) {
        this.from = from;
        this.to = to;
        this.cc = cc;
        this.bcc = bcc;
        this.replyTo = replyTo;
        this.subject = b.subject;
        this.text = b.text;
        this.html = b.html;
        this.attachments = List.copyOf(b.attachments);
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
        this.messageId = b.messageId;
    }

    private EmailMessage(EmailMessage m, EmailAddress from, List<EmailAddress> replyTo, String messageId) {
        this.from = from;
        this.to = m.to;
        this.cc = m.cc;
        this.bcc = m.bcc;
        this.replyTo = replyTo;
        this.subject = m.subject;
        this.text = m.text;
        this.html = m.html;
        this.attachments = m.attachments;
        this.headers = m.headers;
        this.messageId = messageId;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this message's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.from = from;
        to.forEach(b::to);
        cc.forEach(b::cc);
        bcc.forEach(b::bcc);
        replyTo.forEach(b::replyTo);
        b.subject = subject;
        b.text = text;
        b.html = html;
        b.attachments.addAll(attachments);
        b.headers.putAll(headers);
        b.messageId = messageId;
        return b;
    }

    static {
        CoreAccess.register(new CoreAccess.Messages() {
            @Override
            public EmailMessage withDefaults(EmailMessage message, EmailAddress from, EmailAddress replyTo,
                    String messageId) {
                return message.withDefaults(from, replyTo, messageId);
            }

            @Override
            public EmailMessage onlyTo(EmailMessage message, Collection<EmailAddress> keep) {
                return message.onlyTo(keep);
            }
        });
    }

    /**
     * A copy sent only to those of its to, cc and bcc recipients that are in {@code keep}, with the same
     * Message-ID; a notifier uses it to retry recipients a server deferred while it accepted others.
     *
     * @throws InvalidMessageException when none of the recipients is kept
     */
    private EmailMessage onlyTo(Collection<EmailAddress> keep) {
        Builder b = toBuilder();
        b.to.clear();
        b.cc.clear();
        b.bcc.clear();
        to.stream().filter(keep::contains).forEach(b::to);
        cc.stream().filter(keep::contains).forEach(b::cc);
        bcc.stream().filter(keep::contains).forEach(b::bcc);
        return b.build();
    }

    /**
     * This message with the defaults filled in where it has none: the sender, the Reply-To (null for none) and
     * the Message-ID. A notifier uses it before the first attempt; it does not validate the message again.
     *
     * @throws InvalidMessageException when {@code messageId} is used and does not look like {@code <unique@domain>}
     */
    private EmailMessage withDefaults(EmailAddress defaultFrom, EmailAddress defaultReplyTo, String defaultMessageId) {
        Objects.requireNonNull(defaultFrom, "defaultFrom");
        String id = messageId;
        if (id == null) {
            if (defaultMessageId == null || !MESSAGE_ID.matcher(defaultMessageId).matches()) {
                throw new InvalidMessageException("message-id", "must look like <unique@domain>, was '"
                        + defaultMessageId + "'");
            }
            id = defaultMessageId;
        }
        List<EmailAddress> replies = replyTo.isEmpty() && defaultReplyTo != null ? List.of(defaultReplyTo) : replyTo;
        return new EmailMessage(this, from == null ? defaultFrom : from, replies, id);
    }

    /** The sender; empty means the server's {@code email.sender}. */
    public Optional<EmailAddress> from() {
        return Optional.ofNullable(from);
    }

    public List<EmailAddress> to() {
        return to;
    }

    public List<EmailAddress> cc() {
        return cc;
    }

    public List<EmailAddress> bcc() {
        return bcc;
    }

    /** Reply-To addresses; empty means the server's {@code email.reply-to}, if set. */
    public List<EmailAddress> replyTo() {
        return replyTo;
    }

    /** Every recipient: to, cc and bcc, in that order. */
    public List<EmailAddress> recipients() {
        List<EmailAddress> all = new ArrayList<>(to.size() + cc.size() + bcc.size());
        all.addAll(to);
        all.addAll(cc);
        all.addAll(bcc);
        return Collections.unmodifiableList(all);
    }

    public String subject() {
        return subject;
    }

    public Optional<String> text() {
        return Optional.ofNullable(text);
    }

    public Optional<String> html() {
        return Optional.ofNullable(html);
    }

    /** File attachments and inline parts, in the order added. */
    public List<Attachment> attachments() {
        return attachments;
    }

    /** Extra headers in the order added; never one of the headers the builder sets itself. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The Message-ID in angle brackets, {@code <id@example.com>}; empty until the notifier assigns one. */
    public Optional<String> messageId() {
        return Optional.ofNullable(messageId);
    }

    @Override
    public String toString() {
        return "EmailMessage[to=" + to + (cc.isEmpty() ? "" : ", cc=" + cc) + (bcc.isEmpty() ? "" : ", bcc=" + bcc)
                + ", subject='" + subject + "'" + (attachments.isEmpty() ? "" : ", attachments=" + attachments.size())
                + (messageId == null ? "" : ", messageId=" + messageId) + "]";
    }

    /**
     * Collects an email's parts. Addresses given as text are parsed by {@link #build()}, which reports every
     * problem at once. {@code build()} copies, so a builder can be reused as a template.
     *
     * <p>This class is not threadsafe.
     */
    public static final class Builder {
        private EmailAddress from;
        private String fromText;
        private final List<Object> to = new ArrayList<>();
        private final List<Object> cc = new ArrayList<>();
        private final List<Object> bcc = new ArrayList<>();
        private final List<Object> replyTo = new ArrayList<>();
        private String subject;
        private String text;
        private String html;
        private final List<Attachment> attachments = new ArrayList<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String messageId;

        private Builder() {
        }

        /** Sets the sender; without it the server's {@code email.sender} is used. */
        public Builder from(String mailbox) {
            this.fromText = mailbox;
            this.from = null;
            return this;
        }

        public Builder from(EmailAddress mailbox) {
            this.from = Objects.requireNonNull(mailbox, "from");
            this.fromText = null;
            return this;
        }

        /** Adds recipients; each may be {@code user@example.com} or {@code Name <user@example.com>}. */
        public Builder to(String... mailboxes) {
            to.addAll(List.of(mailboxes));
            return this;
        }

        public Builder to(EmailAddress mailbox) {
            to.add(Objects.requireNonNull(mailbox, "to"));
            return this;
        }

        public Builder cc(String... mailboxes) {
            cc.addAll(List.of(mailboxes));
            return this;
        }

        public Builder cc(EmailAddress mailbox) {
            cc.add(Objects.requireNonNull(mailbox, "cc"));
            return this;
        }

        public Builder bcc(String... mailboxes) {
            bcc.addAll(List.of(mailboxes));
            return this;
        }

        public Builder bcc(EmailAddress mailbox) {
            bcc.add(Objects.requireNonNull(mailbox, "bcc"));
            return this;
        }

        public Builder replyTo(String... mailboxes) {
            replyTo.addAll(List.of(mailboxes));
            return this;
        }

        public Builder replyTo(EmailAddress mailbox) {
            replyTo.add(Objects.requireNonNull(mailbox, "replyTo"));
            return this;
        }

        /** The subject: one line of any length; non-ASCII text is encoded by the provider. */
        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        /** The plain-text body. With {@link #html(String)} too, both are sent as alternatives. */
        public Builder text(String text) {
            this.text = text;
            return this;
        }

        /** The HTML body; inline parts are referenced as {@code <img src="cid:logo">}. */
        public Builder html(String html) {
            this.html = html;
            return this;
        }

        public Builder attach(Attachment attachment) {
            attachments.add(Objects.requireNonNull(attachment, "attachment"));
            return this;
        }

        /**
         * Adds a header such as {@code X-Ticket-Id}. Headers the builder or the provider set themselves
         * (From, To, Subject, Message-ID, Content-Type...) are refused by {@link #build()}.
         */
        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** Sets the Message-ID, {@code <unique@your-domain>}; normally left to the notifier. */
        public Builder messageId(String messageId) {
            this.messageId = messageId;
            return this;
        }

        /**
         * Validates and builds the message.
         *
         * @throws InvalidMessageException listing every problem, each naming its field
         */
        public EmailMessage build() {
            List<Problem> problems = new ArrayList<>();
            EmailAddress sender = from;
            if (fromText != null) {
                sender = parse(fromText, "from", problems);
            }
            List<EmailAddress> toList = parseAll(to, "to", problems);
            List<EmailAddress> ccList = parseAll(cc, "cc", problems);
            List<EmailAddress> bccList = parseAll(bcc, "bcc", problems);
            List<EmailAddress> replyToList = parseAll(replyTo, "reply-to", problems);
            if (to.isEmpty() && cc.isEmpty() && bcc.isEmpty()) {
                problems.add(new Problem("to", "a message needs at least one recipient (to, cc or bcc)"));
            }
            if (subject == null) {
                problems.add(new Problem("subject", "must be set (it may be empty)"));
            } else {
                String forbidden = HeaderText.forbiddenCharacter(subject);
                if (forbidden != null) {
                    problems.add(new Problem("subject", forbidden));
                }
            }
            if (text == null && html == null) {
                problems.add(new Problem("body", "a message needs a text or an HTML body"));
            }
            checkHeaders(problems);
            if (messageId != null && !MESSAGE_ID.matcher(messageId).matches()) {
                problems.add(new Problem("message-id", "must look like <unique@domain>, was '" + messageId + "'"));
            }
            Set<String> contentIds = new java.util.HashSet<>();
            for (Attachment a : attachments) {
                if (a.contentId().isPresent() && !contentIds.add(a.contentId().get())) {
                    problems.add(new Problem("attachment.content-id", "'" + a.contentId().get() + "' is used twice"));
                }
            }
            if (!problems.isEmpty()) {
                throw new InvalidMessageException(problems);
            }
            return new EmailMessage(this, toList, ccList, bccList, replyToList, sender);
        }

        private void checkHeaders(List<Problem> problems) {
            for (Map.Entry<String, String> h : headers.entrySet()) {
                String name = h.getKey();
                String field = "header[" + name + "]";
                if (name == null || !HEADER_NAME.matcher(name).matches()) {
                    problems.add(new Problem(field, "name must be 1-76 printable ASCII characters without ':' or spaces"));
                } else if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    problems.add(new Problem(field, "is set by notify itself; use the builder's method for it"));
                }
                if (h.getValue() == null) {
                    problems.add(new Problem(field, "value must not be null"));
                } else {
                    String forbidden = HeaderText.forbiddenCharacter(h.getValue());
                    if (forbidden != null) {
                        problems.add(new Problem(field, "value " + forbidden));
                    }
                }
            }
        }

        private static List<EmailAddress> parseAll(List<Object> values, String field, List<Problem> problems) {
            List<EmailAddress> parsed = new ArrayList<>(values.size());
            for (int i = 0; i < values.size(); i++) {
                Object value = values.get(i);
                if (value instanceof EmailAddress address) {
                    parsed.add(address);
                } else {
                    EmailAddress address = parse((String) value, field + "[" + i + "]", problems);
                    if (address != null) {
                        parsed.add(address);
                    }
                }
            }
            return List.copyOf(parsed);
        }

        private static EmailAddress parse(String text, String field, List<Problem> problems) {
            try {
                return EmailAddress.parse(text, field);
            } catch (InvalidMessageException e) {
                problems.addAll(e.problems());
                return null;
            }
        }
    }
}
