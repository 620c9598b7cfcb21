/** Serves a {@link dev.notify.web.WebHandler} with the JDK's built-in HTTP server ({@code jdk.httpserver}). */
package dev.notify.web.jdk;
