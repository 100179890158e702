package dev.switchboard.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How every service verifies the tokens client apps hold (Supabase Auth sessions, or tokens an operator mints with the
 * same keys). Set once for all services in service-support's {@code META-INF/microprofile-config.properties}, from
 * {@code SWITCHBOARD_JWT_*} and {@code SWITCHBOARD_JWKS_URL}.
 */
@ConfigMapping(prefix = "switchboard.auth")
public interface AuthConfig {

    /** The project's HS256 secret ({@code SWITCHBOARD_JWT_SECRET}, Supabase's legacy JWT secret) as plain text. */
    Optional<String> jwtSecret();

    /**
     * Where the project's public signing keys are ({@code SWITCHBOARD_JWKS_URL}; Supabase:
     * {@code https://<project>.supabase.co/auth/v1/.well-known/jwks.json}): RS256 and ES256 tokens are verified with
     * them. At least one of this and the secret must be set.
     */
    Optional<URI> jwksUrl();

    /** How often the key set is read again; an unknown {@code kid} also makes it read again (at most every 30 s). */
    @WithDefault("10m")
    Duration jwksRefresh();

    /** The {@code aud} a user token must carry (Supabase: {@code authenticated}). */
    @WithDefault("authenticated")
    String audience();

    /** The {@code iss} every token must carry; unset accepts any issuer (the signature already proves the origin). */
    Optional<String> issuer();

    /** Grace past a token's {@code exp}. */
    @WithDefault("5s")
    Duration clockSkew();

    /** What a first sign-in whose UUID {@code sub} no user carries may be linked by; see {@link FirstSignIn}. */
    @WithDefault("none")
    FirstSignIn linkFirstSignIn();

    /**
     * The rule for a verified token whose {@code sub} (a Supabase Auth user id) no user carries yet as
     * {@code users.auth_id}.
     */
    enum FirstSignIn {
        /** Refused (403 {@code unknown-user}) until an operator sets the user's {@code auth_id}. */
        NONE,
        /**
         * Linked to the user whose {@code phone_number} is the token's {@code phone} claim, if that user has no auth id
         * yet. Only for projects where Supabase Auth confirms phone numbers before it issues a session (phone OTP).
         */
        PHONE
    }
}
