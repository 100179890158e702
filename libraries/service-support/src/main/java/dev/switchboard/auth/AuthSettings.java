package dev.switchboard.auth;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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
        config.jwtSecret().ifPresent(secret -> requireUnguessable("SWITCHBOARD_JWT_SECRET", secret));
    }

    /**
     * Refuses a signing secret anyone could know: too short to resist brute force, or a value published as an
     * example (this repository's former defaults, Supabase's local-development secret) or left as a placeholder.
     * Local suites and tests generate theirs, so no setting of theirs is exempt.
     */
    public static void requireUnguessable(String variable, String secret) {
        if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalStateException(variable + " is shorter than " + MIN_SECRET_BYTES
                    + " bytes: tokens signed with it could be forged.");
        }
        String lower = secret.toLowerCase(Locale.ROOT);
        if (PUBLISHED_SECRETS.contains(secret) || PLACEHOLDERS.stream().anyMatch(lower::contains)) {
            throw new IllegalStateException(variable + " is a published example or placeholder value: anyone could"
                    + " sign tokens with it. Set the project's own secret (Supabase: Project Settings > API > JWT secret).");
        }
    }

    /** Secrets published as examples: never anyone's real one. */
    static final Set<String> PUBLISHED_SECRETS = Set.of(
            "local-dev-jwt-secret-change-me-0123456789", // this repository's former local default
            "switchboard-test-jwt-secret-0123456789abcdef", // this repository's former test secret
            "super-secret-jwt-token-with-at-least-32-characters-long", // Supabase CLI's local secret
            "your-super-secret-jwt-token-with-at-least-32-characters-long"); // Supabase's self-hosting .env example

    static final List<String> PLACEHOLDERS = List.of("change-me", "changeme", "replace-me", "your-secret");
}
