package dev.switchboard.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One event read from an SSE stream.
 *
 * @param id   its {@code id:} line, null without one (a {@code resumed} notice sets none)
 * @param type its {@code event:} line, {@code message} without one (as a browser names it)
 * @param data its {@code data:} lines joined with {@code \n}
 */
public record SseEvent(String id, String type, String data) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The data as JSON: a ClientEvent ({@code id, type, occurred_at, message|task}), or a reset's problem. */
    public JsonNode json() {
        try {
            return JSON.readTree(data);
        } catch (JsonProcessingException e) {
            throw new AssertionError("event data is not JSON: " + data, e);
        }
    }

    /** The ClientMessage of a {@code message.*} event (a missing node otherwise). */
    public JsonNode message() {
        return json().path("message");
    }

    /** The ClientTask of a {@code task.completed} (a missing node otherwise). */
    public JsonNode task() {
        return json().path("task");
    }
}
