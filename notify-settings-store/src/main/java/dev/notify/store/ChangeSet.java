package dev.notify.store;

import dev.notify.settings.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Edits to apply together to a {@link SettingsStore}: all of them or none. Keys are full keys as a properties file
 * writes them: {@code email.smtp.host} for the global layer, {@code servers.eu-1.email.smtp.host} for a server's
 * (a region is a server other servers inherit from). Values are text as in a properties file; an empty text sets
 * the key to "no value" in its layer, {@link Builder#unset} removes it so it is inherited again.
 *
 * <p>A secret's value is best given as a {@link Secret} ({@link Builder#setSecret}); the store encrypts it, or
 * keeps it as a reference when it is one ({@code ${env:SMTP_PASSWORD}}, {@code ${file:/run/secrets/smtp}}).
 * {@link #toString()} never prints values.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class ChangeSet {

    private final long baseVersion;
    private final String author;
    private final String comment;
    private final List<Edit> edits;

    private ChangeSet(Builder b) {
        this.baseVersion = b.baseVersion;
        this.author = b.author;
        this.comment = b.comment;
        this.edits = List.copyOf(b.edits);
    }

    /**
     * Starts a change set.
     *
     * @param baseVersion the version the editor read ({@link StoreSnapshot#version()}); the change set is refused
     *     with a {@link ConflictException} when the store has moved on
     * @param author      who makes the change, as the history shows it (a user name)
     */
    public static Builder builder(long baseVersion, String author) {
        return new Builder(baseVersion, author);
    }

    public long baseVersion() {
        return baseVersion;
    }

    public String author() {
        return author;
    }

    public Optional<String> comment() {
        return Optional.ofNullable(comment);
    }

    /** The edits in the order they were added; a later edit of the same key wins. */
    public List<Edit> edits() {
        return edits;
    }

    @Override
    public String toString() {
        return "ChangeSet[base=" + baseVersion + ", author=" + author + ", edits=" + edits + "]";
    }

    /** One edit of a change set. {@link #toString()} names the key, never the value. */
    public static final class Edit {

        /** What an edit does. */
        public enum Kind {
            /** Sets {@link #key()} to {@link #value()} (or {@link #secret()}). */
            SET,
            /** Removes {@link #key()} from its layer, so it is inherited again. */
            UNSET,
            /** Adds server {@link #key()}, inheriting from server {@link #value()} when present (else global). */
            ADD_SERVER,
            /** Removes server {@link #key()} with every key of its layer. */
            REMOVE_SERVER
        }

        private final Kind kind;
        private final String key;
        private final String value;
        private final Secret secret;

        private Edit(Kind kind, String key, String value, Secret secret) {
            this.kind = kind;
            this.key = key;
            this.value = value;
            this.secret = secret;
        }

        public Kind kind() {
            return kind;
        }

        /** The full key, or the server id for {@link Kind#ADD_SERVER} and {@link Kind#REMOVE_SERVER}. */
        public String key() {
            return key;
        }

        /** The text to set, or the parent of an added server. */
        public Optional<String> value() {
            return Optional.ofNullable(value);
        }

        /** The secret to set, when it was given as one. */
        public Optional<Secret> secret() {
            return Optional.ofNullable(secret);
        }

        @Override
        public String toString() {
            return kind + " " + key;
        }
    }

    /**
     * Collects edits. Each method checks its arguments and names them in the error. {@link #build()} copies, so a
     * builder can be reused. This class is not threadsafe.
     */
    public static final class Builder {
        private final long baseVersion;
        private final String author;
        private String comment;
        private final List<Edit> edits = new ArrayList<>();

        private Builder(long baseVersion, String author) {
            if (baseVersion < 0) {
                throw new IllegalArgumentException("base version must not be negative, was " + baseVersion);
            }
            this.baseVersion = baseVersion;
            this.author = requireText(author, "author");
        }

        /** Why the change is made, as the history shows it. */
        public Builder comment(String comment) {
            this.comment = comment == null || comment.isBlank() ? null : comment.strip();
            return this;
        }

        /** Sets a key to a value written as in a properties file; for a secret prefer {@link #setSecret}. */
        public Builder set(String fullKey, String value) {
            edits.add(new Edit(Edit.Kind.SET, requireText(fullKey, "key"), Objects.requireNonNull(value, fullKey),
                    null));
            return this;
        }

        /** Sets a secret key; the store encrypts the value, or keeps it as a reference when it is one. */
        public Builder setSecret(String fullKey, Secret value) {
            edits.add(new Edit(Edit.Kind.SET, requireText(fullKey, "key"), null, Objects.requireNonNull(value, fullKey)));
            return this;
        }

        /** Removes a key from its layer, so its value is inherited again. */
        public Builder unset(String fullKey) {
            edits.add(new Edit(Edit.Kind.UNSET, requireText(fullKey, "key"), null, null));
            return this;
        }

        /**
         * Adds a server (or a region), inheriting from {@code parent}, another server's id, or from the global layer
         * when {@code parent} is null. A server without a parent and without keys of its own has no layer to store
         * and inherits everything anyway.
         */
        public Builder addServer(String id, String parent) {
            edits.add(new Edit(Edit.Kind.ADD_SERVER, requireText(id, "server id"), parent, null));
            return this;
        }

        /** Removes a server with every key of its layer; refused while another server inherits from it. */
        public Builder removeServer(String id) {
            edits.add(new Edit(Edit.Kind.REMOVE_SERVER, requireText(id, "server id"), null, null));
            return this;
        }

        public ChangeSet build() {
            return new ChangeSet(this);
        }

        private static String requireText(String text, String name) {
            if (Objects.requireNonNull(text, name).isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return text.strip();
        }
    }
}
