/**
 * The Microsoft Graph sender's implementation. Not public API: it may change in any release and is not exported.
 */
package dev.notify.graph.internal;
