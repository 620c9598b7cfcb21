/**
 * Email delivery with Microsoft Graph {@code sendMail} and an msal4j client-credentials token:
 * {@link dev.notify.graph.GraphSenderProvider}, delivery method {@code graph}.
 */
package dev.notify.graph;
