package dev.notify.store;

import dev.notify.SettingsException;
import dev.notify.settings.Settings;
import dev.notify.settings.SettingsSource;
import java.util.List;

/**
 * Settings kept with versions, history and rollback, for an administrator's page or the CLI to edit while
 * notifiers send. A store is a {@link SettingsSource}: a {@code Notifier} built on it uses each saved change on its
 * next send, and keeps the last good settings while the store is unavailable or holds settings that do not
 * validate (see {@link #status()}).
 *
 * <p>Every change is a {@link ChangeSet} made against the version the editor read ({@link #snapshot()}); it is
 * validated against the store's schema and written atomically, or refused with every problem by its full key
 * ({@link SettingsException}) or with a {@link ConflictException} when another edit came first. Secret values
 * written through the store are encrypted at rest with the host's {@link EncryptionKeys}; nothing the store
 * returns for display or history contains a secret's value.
 *
 * <p>Get one from a backend: {@link FileSettingsStore}. Implementations are threadsafe.
 */
public interface SettingsStore extends SettingsSource, AutoCloseable {

    /**
     * The settings in force, with secrets decrypted, for sending. Checks the store for a change at most once per
     * {@linkplain StoreOptions.Builder#checkInterval check interval}; never fails: while the store is unavailable
     * or its content does not validate, the last good settings stay in force.
     */
    @Override
    Settings current();

    /**
     * Reads the store now: the version and every layer's values as text, secrets masked, for display and as the base
     * of the next {@link ChangeSet}.
     *
     * @throws StoreUnavailableException when the store cannot be read
     */
    StoreSnapshot snapshot();

    /**
     * Validates and writes a change set atomically.
     *
     * @return the new version
     * @throws SettingsException naming every problem by its full key; nothing is written
     * @throws ConflictException when the store's version is no longer the change set's base; nothing is written
     * @throws StoreUnavailableException when the store cannot be read or written; nothing is written
     */
    long apply(ChangeSet changes);

    /**
     * Recorded changes with a version above {@code afterVersion}, oldest first, at most {@code limit} of them.
     *
     * @throws StoreUnavailableException when the history cannot be read
     */
    List<HistoryEntry> history(long afterVersion, int limit);

    /**
     * Makes the settings what they were at {@code version}, recorded as a new change of kind
     * {@link HistoryEntry.Kind#ROLLBACK}.
     *
     * @return the new version
     * @throws IllegalArgumentException when there is no such version
     * @throws SettingsException when the settings of that version do not validate under the current schema, or a
     *     secret of that version cannot be restored (its key is no longer configured)
     * @throws StoreUnavailableException when the store cannot be read or written
     */
    long rollback(long version, String author, String comment);

    /**
     * Rewrites every encrypted secret under the {@linkplain EncryptionKeys#currentKeyId() current key}, and encrypts
     * secrets stored in plain text; references stay references. Recorded as a change of kind
     * {@link HistoryEntry.Kind#REENCRYPTED}. After it, older keys are needed only to roll back to older versions.
     *
     * @return the new version
     * @throws SettingsException naming each secret that cannot be decrypted with the configured keys
     * @throws IllegalStateException when no encryption key is configured
     */
    long reencrypt(String author);

    /** Whether the store could be read and held valid settings when last checked. */
    StoreStatus status();

    /** Calls {@code listener} on every change this store notices and on every change of its status. */
    void addListener(StoreListener listener);

    void removeListener(StoreListener listener);

    /** Releases the store's files or connections; {@link #current()} then keeps returning the last settings. */
    @Override
    void close();
}
