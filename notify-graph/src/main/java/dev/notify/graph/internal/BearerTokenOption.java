package dev.notify.graph.internal;

import com.microsoft.kiota.RequestOption;
import dev.notify.microsoft.AccessToken;

/** Carries the token a request must use, so that a 401 invalidates exactly that token. */
final class BearerTokenOption implements RequestOption {

    private final AccessToken token;

    BearerTokenOption(AccessToken token) {
        this.token = token;
    }

    AccessToken token() {
        return token;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends RequestOption> Class<T> getType() {
        return (Class<T>) BearerTokenOption.class;
    }
}
