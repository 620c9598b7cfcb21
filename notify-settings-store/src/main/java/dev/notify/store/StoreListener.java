package dev.notify.store;

/**
 * Told what a {@link SettingsStore} notices. Called on the thread that noticed (an editor's, a sender's, or the
 * store's own), so an implementation must return quickly and must not call back into the store's writing methods.
 * An exception it throws is logged and ignored.
 */
public interface StoreListener {

    /** The settings in force changed to {@code version}, by an edit through any store or by hand. */
    default void settingsChanged(long version) {
    }

    /** The store became unavailable, held invalid settings, or recovered. */
    default void statusChanged(StoreStatus status) {
    }
}
