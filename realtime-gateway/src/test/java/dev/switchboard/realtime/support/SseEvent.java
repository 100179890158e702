package dev.switchboard.realtime.support;

/** One event read from an SSE stream. */
public record SseEvent(String id, String name, String data) {
}
