package dev.switchboard.realtime.routing;

import io.vertx.core.buffer.Buffer;
import java.time.Instant;

/**
 * One event as streams send it: rendered to JSON and framed for SSE once, whatever the number of readers (framed per
 * reader, a fan-out to 1,000 streams delivered about 40,000 events/s instead of 59,000; docs/benchmarks-history.md,
 * P3).
 *
 * @param id    the event id (UUIDv7), the client's resume cursor
 * @param name  the SSE event name, e.g. {@code message.added}
 * @param frame the whole SSE event ({@link SseFrame}) in UTF-8: id, event name and the JSON as data lines
 */
public record StreamEvent(String id, String name, Instant occurredAt, Audience audience, Buffer frame) {
}
