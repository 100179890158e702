package dev.switchboard.realtime.auth;

import dev.switchboard.problem.ProblemException;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Finds who opens a stream: a Bearer token, else a stream ticket, else the token cookie. A token in the URL
 * ({@code ?access_token=}) is refused outright: URLs end up in logs, histories and Referer headers.
 */
@ApplicationScoped
public class StreamAuthenticator {

    private static final String BEARER = "Bearer ";

    private final TokenVerifier tokens;
    private final StreamTickets tickets;
    private final AuthConfig config;

    StreamAuthenticator(TokenVerifier tokens, StreamTickets tickets, AuthConfig config) {
        this.tokens = tokens;
        this.tickets = tickets;
        this.config = config;
    }

    public StreamPrincipal authenticate(HttpServerRequest request) {
        if (request.params().contains("access_token")) {
            throw ProblemException.unauthorized("token-in-url",
                    "Tokens are never accepted in the URL; send a Bearer header, the " + config.cookieName()
                            + " cookie, or a ticket from POST /v1/stream/tickets.");
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            return bearer(authorization);
        }
        String ticket = request.getParam("ticket");
        if (ticket != null) {
            return tickets.redeem(ticket);
        }
        Cookie cookie = request.getCookie(config.cookieName());
        if (cookie != null) {
            return tokens.verify(cookie.getValue());
        }
        throw ProblemException.unauthorized("no-credentials",
                "Send a Bearer token, the " + config.cookieName() + " cookie, or ?ticket= from POST /v1/stream/tickets.");
    }

    public StreamPrincipal bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw ProblemException.unauthorized("no-credentials", "Send the user's JWT as 'Authorization: Bearer <token>'.");
        }
        return tokens.verify(authorization.substring(BEARER.length()).trim());
    }
}
