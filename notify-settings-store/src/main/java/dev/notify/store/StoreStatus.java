package dev.notify.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A store's health, for a health check: whether it could be read and held valid settings when last checked, the
 * version in force, and, when not {@link State#OK}, why (naming keys, never a secret). This class is immutable
 * and threadsafe.
 *
 * @param state   what the store was when last checked
 * @param version the version of the settings in force (the last good one when not {@code OK})
 * @param problem why the state is not {@code OK}
 * @param since   when the store entered this state (from the store's clock)
 */
public record StoreStatus(State state, long version, Optional<String> problem, Instant since) {

    public StoreStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(since, "since");
    }

    /** What a store is, as last checked. */
    public enum State {
        /** Readable, and what it holds is in force. */
        OK,
        /** Readable, but what it holds does not validate (a broken hand edit): the last good settings stay in force. */
        INVALID,
        /** Cannot be read (file unreadable, database down): the last good settings stay in force. */
        UNAVAILABLE
    }

    public boolean isOk() {
        return state == State.OK;
    }
}
