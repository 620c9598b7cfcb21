/**
 * A Microsoft Entra app registration as notify's providers share it: its settings
 * ({@link dev.notify.microsoft.MicrosoftIdentityKeys}, {@link dev.notify.microsoft.GraphCloud}), the certificate
 * authorities trusted for the login host and Graph ({@link dev.notify.microsoft.MicrosoftTrust}), and its
 * client-credentials tokens ({@link dev.notify.microsoft.AppTokenSource}). The Graph provider and the SMTP
 * provider's XOAUTH2 both use these, so both retry, log and trust alike.
 */
package dev.notify.microsoft;
