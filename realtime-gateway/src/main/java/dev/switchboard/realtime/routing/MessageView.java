package dev.switchboard.realtime.routing;

import dev.switchboard.events.MediaItem;
import java.time.Instant;
import java.util.List;

/**
 * The JSON a client receives for a message event: what a chat screen needs, without Twilio's raw parameters.
 * {@code direction} is {@code outbound} for a message Switchboard sent, {@code inbound} for any other
 * {@code message.added}, and null on events that do not say (statuses, edits, removals).
 */
public record MessageView(
        String eventId,
        String type,
        Instant occurredAt,
        String conversation,
        String conversationSid,
        String messageSid,
        String channel,
        String direction,
        String from,
        String to,
        String author,
        String body,
        Integer index,
        List<MediaItem> media,
        String status,
        Integer errorCode,
        String errorMessage,
        Instant dateCreated,
        Instant dateUpdated) {
}
