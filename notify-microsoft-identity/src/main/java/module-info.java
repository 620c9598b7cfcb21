/**
 * The Microsoft identity platform for notify's Microsoft providers: app registration keys, client-credential
 * tokens and trust. The {@code dev.notify.microsoft.internal} package is not exported.
 */
module dev.notify.microsoft {
    requires transitive dev.notify.api;
    requires com.azure.json;
    requires com.microsoft.aad.msal4j;
    requires java.net.http;
    requires org.slf4j;

    exports dev.notify.microsoft;
}
