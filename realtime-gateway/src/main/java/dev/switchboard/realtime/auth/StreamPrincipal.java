package dev.switchboard.realtime.auth;

import java.time.Instant;

/**
 * The user a stream belongs to.
 *
 * @param expiresAt when the token behind it expires: the stream is closed then
 */
public record StreamPrincipal(long userId, Instant expiresAt) {
}
