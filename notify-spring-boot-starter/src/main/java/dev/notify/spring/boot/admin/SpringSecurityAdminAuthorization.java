package dev.notify.spring.boot.admin;

import dev.notify.admin.AdminAuthorization;
import dev.notify.admin.Administrator;
import dev.notify.web.WebRequest;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Lets in an authenticated (not anonymous) Spring Security principal with the authority {@code ROLE_<role>}; its name
 * is the administrator's id and display name, and their email address (Test Email's default recipient) when it is
 * one ({@code alice@example.com}). The authentication is the request's principal when Spring Security's
 * filters made it one, else the current thread's security context. Threadsafe.
 */
final class SpringSecurityAdminAuthorization implements AdminAuthorization {

    private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();
    private final String authority;

    SpringSecurityAdminAuthorization(String role) {
        this.authority = "ROLE_" + role;
    }

    @Override
    public Optional<Administrator> authorize(WebRequest request) {
        Authentication authentication = request.principal()
                .filter(Authentication.class::isInstance)
                .map(Authentication.class::cast)
                .orElseGet(() -> SecurityContextHolder.getContext().getAuthentication());
        if (!trust.isAuthenticated(authentication)) {
            return Optional.empty();
        }
        boolean allowed = authentication.getAuthorities().stream()
                .anyMatch(granted -> authority.equals(granted.getAuthority()));
        if (!allowed || authentication.getName() == null || authentication.getName().isBlank()) {
            return Optional.empty();
        }
        String name = authentication.getName();
        Optional<String> email = NotifyAdminProperties.isAddress(name) ? Optional.of(name) : Optional.empty();
        return Optional.of(new Administrator(name, name, email));
    }
}
