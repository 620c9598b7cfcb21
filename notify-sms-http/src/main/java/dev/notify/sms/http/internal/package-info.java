/**
 * The HTTP SMS providers' implementation: the HTTP exchange, the services' requests and answers, JSON and form
 * encoding. Not public API: it may change at any time, in any release; use the providers in
 * {@code dev.notify.sms.http}.
 */
package dev.notify.sms.http.internal;
