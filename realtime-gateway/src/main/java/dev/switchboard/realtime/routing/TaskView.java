package dev.switchboard.realtime.routing;

import java.time.Instant;

/** The JSON a client receives for {@code task.completed}. */
public record TaskView(
        String eventId,
        String type,
        Instant occurredAt,
        long userId,
        long taskId,
        long feedId,
        int pointsAwarded,
        long totalPoints,
        String messageSid,
        String imageUrl) {
}
