/**
 * A Microsoft Graph and Entra ID stand-in for tests of the {@code graph} email provider:
 * {@link dev.notify.testkit.graph.GraphServerExtension}, with {@link dev.notify.testkit.graph.GraphFault} and
 * {@link dev.notify.testkit.graph.TokenFault} to make it fail. Needs WireMock and BouncyCastle on the test class path.
 */
package dev.notify.testkit.graph;
