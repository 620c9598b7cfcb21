package dev.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a connectivity check found, in the order it found it: for SMTP the greeting, the extensions, the TLS
 * protocol and certificate, the authentication result; for Graph the token's expiry and roles. Nothing was
 * sent. {@link #ok()} is false when a step failed; {@link #failure()} then says which and why, without secrets,
 * and {@link #settingsProblems()} names the keys to fix when the settings caused it (a refused login).
 *
 * <p>This class is immutable and threadsafe.
 */
public final class CheckReport {

    /** One fact found, such as {@code tls.protocol = TLSv1.3}. */
    public record Item(String name, String value) {
        public Item {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return name + ": " + value;
        }
    }

    private final String providerId;
    private final List<Item> items;
    private final String failure;
    private final List<Problem> settingsProblems;

    private CheckReport(String providerId, List<Item> items, String failure, List<Problem> settingsProblems) {
        this.providerId = providerId;
        this.items = List.copyOf(items);
        this.failure = failure;
        this.settingsProblems = settingsProblems;
    }

    public static Builder builder(String providerId) {
        return new Builder(providerId);
    }

    public String providerId() {
        return providerId;
    }

    /** Whether every step succeeded. */
    public boolean ok() {
        return failure == null;
    }

    public List<Item> items() {
        return items;
    }

    /** The value of the first item with this name. */
    public Optional<String> item(String name) {
        return items.stream().filter(i -> i.name().equals(name)).map(Item::value).findFirst();
    }

    /** What failed and what to check, when a step failed. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * The settings that made the check fail, each named by its full key, such as a user name and password the
     * server refused (SMTP {@code 535}) or an app registration the login host refused: the same problems a send
     * reports as a {@link SettingsException}. Empty when the check passed or failed for another reason (a server
     * that cannot be reached).
     */
    public List<Problem> settingsProblems() {
        return settingsProblems;
    }

    @Override
    public String toString() {
        return "CheckReport[" + providerId + ", " + (ok() ? "ok" : "failed: " + failure) + ", "
                + items.stream().map(Item::toString).collect(Collectors.joining("; ")) + "]";
    }

    /** Collects items as a check goes. This class is not threadsafe. */
    public static final class Builder {
        private final String providerId;
        private final List<Item> items = new ArrayList<>();
        private String failure;
        private List<Problem> settingsProblems = List.of();

        private Builder(String providerId) {
            this.providerId = Objects.requireNonNull(providerId, "providerId");
        }

        public Builder item(String name, String value) {
            items.add(new Item(name, value));
            return this;
        }

        public Builder failure(String description) {
            this.failure = Objects.requireNonNull(description, "description");
            this.settingsProblems = List.of();
            return this;
        }

        /**
         * A failure caused by the settings; the failure's description lists the problems.
         *
         * @throws IllegalArgumentException when {@code problems} is empty
         */
        public Builder settingsFailure(List<Problem> problems) {
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("problems must not be empty");
            }
            this.settingsProblems = List.copyOf(problems);
            this.failure = problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
            return this;
        }

        public CheckReport build() {
            return new CheckReport(providerId, items, failure, settingsProblems);
        }
    }
}
