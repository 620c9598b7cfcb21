package dev.notify.testkit.graph;

import java.util.Objects;

/**
 * A failure the {@link GraphServerExtension} answers a token request with, shaped like Microsoft Entra ID's
 * OAuth 2.0 errors ({@code error}, {@code error_description} starting with the {@code AADSTS} code,
 * {@code error_codes}).
 *
 * <p>The fixture answers some of these by itself when the request deserves it: a wrong client secret gets
 * {@link #invalidClientSecret()}, an unknown client ID {@link #applicationNotFound()}, an unknown tenant
 * {@link #tenantNotFound()}.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class TokenFault {

    private final int status;
    private final String error;
    private final int aadstsCode;
    private final String description;

    private TokenFault(int status, String error, int aadstsCode, String description) {
        this.status = status;
        this.error = Objects.requireNonNull(error, "error");
        this.aadstsCode = aadstsCode;
        this.description = Objects.requireNonNull(description, "description");
    }

    /** {@code 401 invalid_client}, AADSTS7000215: the client secret is wrong or expired. */
    public static TokenFault invalidClientSecret() {
        return error(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being sent "
                + "in the request is the client secret value, not the client secret ID.");
    }

    /** {@code 400 unauthorized_client}, AADSTS700016: no application with this client ID in the tenant. */
    public static TokenFault applicationNotFound() {
        return error(400, "unauthorized_client", 700016, "Application was not found in the directory. This can "
                + "happen if the application has not been installed by the administrator of the tenant.");
    }

    /** {@code 400 invalid_request}, AADSTS90002: the tenant does not exist. */
    public static TokenFault tenantNotFound() {
        return error(400, "invalid_request", 90002, "Tenant not found. Check to make sure you have the correct "
                + "tenant ID and are signing into the correct cloud.");
    }

    /** {@code 503}: the login service is unavailable. */
    public static TokenFault serviceUnavailable() {
        return error(503, "temporarily_unavailable", 50196, "The server is temporarily unavailable.");
    }

    /** Any OAuth 2.0 error; the description is prefixed with {@code AADSTS<code>: }. */
    public static TokenFault error(int status, String error, int aadstsCode, String description) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be 400-599, was " + status);
        }
        return new TokenFault(status, error, aadstsCode, description);
    }

    public int status() {
        return status;
    }

    /** The OAuth 2.0 error, {@code invalid_client}. */
    public String error() {
        return error;
    }

    public int aadstsCode() {
        return aadstsCode;
    }

    /** The description as Entra ID writes it, {@code AADSTS7000215: Invalid client secret provided...}. */
    public String description() {
        return "AADSTS" + aadstsCode + ": " + description;
    }

    @Override
    public String toString() {
        return "TokenFault[" + status + " " + error + " AADSTS" + aadstsCode + "]";
    }
}
