package dev.notify.graph.internal;

import com.microsoft.graph.core.requests.middleware.GraphTelemetryHandler;
import com.microsoft.graph.core.requests.options.GraphClientOption;
import com.microsoft.kiota.http.middleware.HeadersInspectionHandler;
import dev.notify.microsoft.MicrosoftTrust;
import okhttp3.OkHttpClient;

/**
 * The HTTP client for Graph. Unlike the SDK's default ({@code GraphClientFactory.create()}), it has no retry
 * handler (up to 10 retries on 429/503/504), no redirect handler and no OkHttp retry on connection failure: each
 * send makes one request, and notify's retry policy is the only one. It keeps the telemetry handler (the
 * {@code SdkVersion} header Microsoft support asks for) and the headers inspection handler (to read
 * {@code request-id}).
 */
final class GraphHttpClients {

    private GraphHttpClients() {
    }

    static OkHttpClient create(GraphSettings settings, MicrosoftTrust trust) {
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.readTimeout())
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .addInterceptor(new GraphTelemetryHandler(new GraphClientOption()))
                .addInterceptor(new HeadersInspectionHandler());
        if (!trust.isJvmDefault()) {
            builder.sslSocketFactory(trust.socketFactory(), trust.trustManager());
        }
        return builder.build();
    }
}
