package dev.switchboard.realtime.auth;

import java.time.Instant;

/**
 * What a stream is opened for: the caller (service-support's {@code Caller}, which must be a user) as their user id,
 * and when the token behind it expires. Not a second identity type: it is made from a {@code Caller} or from a ticket
 * issued to one.
 *
 * @param expiresAt when the token behind it expires: the stream is closed then
 */
public record StreamSession(long userId, Instant expiresAt) {
}
