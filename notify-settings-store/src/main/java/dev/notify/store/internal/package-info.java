/**
 * The store's engine (validation, encryption, history, conflicts, the cached settings) and the backend contract it
 * drives. Not for callers: it may change at any time and is not part of the module's API.
 */
package dev.notify.store.internal;
