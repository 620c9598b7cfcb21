package dev.notify.cli.internal;

import dev.notify.admin.AdminAuthorization;
import dev.notify.admin.Administrator;
import dev.notify.web.WebHandler;
import dev.notify.web.WebRequest;
import dev.notify.web.WebResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The standalone admin page's access: a random token printed once at start. Opening the printed URL
 * ({@code ?token=...}) sets it as an HttpOnly, SameSite=Strict cookie and redirects to the same page without it, so
 * the token leaves the address bar and the history; every request without the cookie is refused. The token is
 * compared in constant time and never logged; {@link #toString()} does not show it.
 */
final class AdminToken implements AdminAuthorization {

    static final String COOKIE = "notify-admin-token";
    private static final int TOKEN_BYTES = 32;

    private final String token;
    private final Administrator administrator;

    private AdminToken(String token, Administrator administrator) {
        this.token = token;
        this.administrator = administrator;
    }

    /** A new random token; whoever holds it administers as {@code user} (the account running the command). */
    static AdminToken random(String user) {
        byte[] bytes = new byte[TOKEN_BYTES];
        new SecureRandom().nextBytes(bytes);
        return new AdminToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
                Administrator.of(user, user, null));
    }

    /** The query that opens the page: {@code token=...}. */
    String query() {
        return "token=" + token;
    }

    @Override
    public Optional<Administrator> authorize(WebRequest request) {
        return request.cookie(COOKIE).filter(this::matches).map(t -> administrator);
    }

    /** The page behind the token: a request carrying the right token in its query trades it for the cookie. */
    WebHandler guard(WebHandler page) {
        return request -> {
            Optional<String> given = request.queryValue("token");
            if (given.isPresent() && matches(given.get()) && request.method().equals("GET")) {
                return WebResponse.redirect(request.path()).withHeader("Set-Cookie", COOKIE + "=" + token
                        + "; Path=/; HttpOnly; SameSite=Strict");
            }
            return page.handle(request);
        };
    }

    private boolean matches(String candidate) {
        return MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "AdminToken[" + administrator.id() + "]";
    }
}
