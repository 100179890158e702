package dev.switchboard.auth;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;

/**
 * Refuses to start with settings under which no token could be verified, or any token forged: every service that
 * serves users checks them before it takes a request, and names the variable to fix.
 */
@ApplicationScoped
public class AuthSettings {

    /** HS256 with a shorter key is brute-forceable; RFC 7518 section 3.2 requires at least the hash size. */
    static final int MIN_SECRET_BYTES = 32;

    void check(@Observes StartupEvent start, AuthConfig config) {
        check(config);
    }

    static void check(AuthConfig config) {
        if (config.jwtSecret().isEmpty() && config.jwksUrl().isEmpty()) {
            throw new IllegalStateException("No way to verify client tokens: set SWITCHBOARD_JWT_SECRET (the project's"
                    + " JWT secret) or SWITCHBOARD_JWKS_URL (its published signing keys), or both.");
        }
        config.jwtSecret().ifPresent(secret -> {
            if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
                throw new IllegalStateException("SWITCHBOARD_JWT_SECRET is shorter than " + MIN_SECRET_BYTES
                        + " bytes: tokens signed with it could be forged.");
            }
        });
    }
}
