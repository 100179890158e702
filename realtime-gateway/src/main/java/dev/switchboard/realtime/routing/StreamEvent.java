package dev.switchboard.realtime.routing;

import java.time.Instant;

/**
 * One event as streams send it: rendered to JSON once, whatever the number of readers.
 *
 * @param id   the event id (UUIDv7), the client's resume cursor
 * @param name the SSE event name, e.g. {@code message.added}
 */
public record StreamEvent(String id, String name, Instant occurredAt, Audience audience, String data) {
}
