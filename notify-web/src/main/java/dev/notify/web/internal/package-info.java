/** notify-web's internals: not API, may change at any time. */
package dev.notify.web.internal;
