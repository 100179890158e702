package dev.switchboard.realtime.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * How stream clients carry their token: what only the stream needs. The token itself is verified as in every
 * service (service-support's {@code dev.switchboard.auth}).
 */
@ConfigMapping(prefix = "realtime.auth")
public interface StreamAuthConfig {

    /** Cookie that carries the JWT for browsers, whose EventSource cannot send an Authorization header. */
    @WithDefault("sb-access-token")
    String cookieName();

    /**
     * Key stream tickets are signed with ({@code STREAM_TICKET_SECRET}); unset, one derived from the JWT secret. A
     * project that verifies only with published keys (no JWT secret) must set it.
     */
    Optional<String> ticketSecret();

    /** How long a stream ticket from {@code POST /v1/stream/tickets} can be redeemed. */
    @WithDefault("30s")
    Duration ticketTtl();

    /** Stream tickets one user may be issued per minute on one replica; one more is refused with 429. */
    @WithDefault("60")
    int ticketsPerMinute();
}
