package dev.switchboard.events.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * One event as a client receives it, on the stream (the SSE {@code data:}) and in a conversation's history alike: the
 * envelope ({@code id}, the resume cursor; {@code type}; {@code occurred_at}) and exactly one payload, {@code message}
 * for message and conversation events, {@code task} for a completed task.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientEvent(String id, String type, Instant occurredAt, ClientMessage message, ClientTask task) {
}
