/** Mounts a {@link dev.notify.web.WebHandler} in a Jakarta Servlet 5 or 6 container (needs jakarta.servlet-api, which the container provides). */
package dev.notify.web.servlet;
