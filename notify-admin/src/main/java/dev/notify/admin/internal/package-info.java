/** The admin page's internals: not API, may change at any time. */
package dev.notify.admin.internal;
