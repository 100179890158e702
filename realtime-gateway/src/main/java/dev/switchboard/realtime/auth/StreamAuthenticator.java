package dev.switchboard.realtime.auth;

import dev.switchboard.auth.TokenVerifier;
import dev.switchboard.auth.UserDirectory;
import dev.switchboard.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Finds who opens a stream: a Bearer token, else a stream ticket, else the token cookie. Tokens are verified and their
 * subject found exactly as every REST API does it ({@link TokenVerifier}, {@link UserDirectory}). A token in the URL
 * ({@code ?access_token=}) is refused outright: URLs end up in logs, histories and Referer headers.
 */
@ApplicationScoped
public class StreamAuthenticator {

    private static final String BEARER = "Bearer ";

    private final TokenVerifier tokens;
    private final UserDirectory users;
    private final StreamTickets tickets;
    private final StreamAuthConfig config;

    StreamAuthenticator(TokenVerifier tokens, UserDirectory users, StreamTickets tickets, StreamAuthConfig config) {
        this.tokens = tokens;
        this.users = users;
        this.tickets = tickets;
        this.config = config;
    }

    public Uni<StreamSession> authenticate(HttpServerRequest request) {
        if (request.params().contains("access_token")) {
            return Uni.createFrom().failure(ProblemException.unauthorized("token-in-url",
                    "Tokens are never accepted in the URL; send a Bearer header, the " + config.cookieName()
                            + " cookie, or a ticket from POST /v1/stream/tickets."));
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            return bearer(authorization);
        }
        String ticket = request.getParam("ticket");
        if (ticket != null) {
            return Uni.createFrom().item(() -> tickets.redeem(ticket));
        }
        Cookie cookie = request.getCookie(config.cookieName());
        if (cookie != null) {
            return principal(cookie.getValue());
        }
        return Uni.createFrom().failure(ProblemException.unauthorized("no-credentials",
                "Send a Bearer token, the " + config.cookieName() + " cookie, or ?ticket= from POST /v1/stream/tickets."));
    }

    public Uni<StreamSession> bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Uni.createFrom().failure(ProblemException.unauthorized("no-credentials",
                    "Send the user's JWT as 'Authorization: Bearer <token>'."));
        }
        return principal(authorization.substring(BEARER.length()).trim());
    }

    /** A stream is one user's: the service role, which reads everything through the APIs, has none. */
    private Uni<StreamSession> principal(String token) {
        return tokens.verify(token).chain(verified -> users.callerFor(verified)
                .map(caller -> new StreamSession(caller.requireUser(), verified.expiresAt())));
    }
}
