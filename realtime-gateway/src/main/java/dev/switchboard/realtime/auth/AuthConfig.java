package dev.switchboard.realtime.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How stream clients prove who they are. */
@ConfigMapping(prefix = "realtime.auth")
public interface AuthConfig {

    /** HS256 secret of the user JWTs ({@code SWITCHBOARD_JWT_SECRET}); no default: a guessable one would be a hole. */
    String jwtSecret();

    /** The {@code aud} a user token must carry (Supabase: {@code authenticated}). */
    @WithDefault("authenticated")
    String jwtAudience();

    /** The {@code iss} a user token must carry; unset accepts any issuer (the secret already proves the origin). */
    Optional<String> jwtIssuer();

    /** Grace past a token's {@code exp}; a stream is closed at {@code exp} itself. */
    @WithDefault("5s")
    Duration jwtClockSkew();

    /** Cookie that carries the JWT for browsers, whose EventSource cannot send an Authorization header. */
    @WithDefault("sb-access-token")
    String cookieName();

    /** How long a stream ticket from {@code POST /v1/stream/tickets} can be redeemed. */
    @WithDefault("30s")
    Duration ticketTtl();

    /** Stream tickets one user may be issued per minute on one replica; one more is refused with 429. */
    @WithDefault("60")
    int ticketsPerMinute();
}
