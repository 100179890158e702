package dev.switchboard.events;

/** A task finished by a photo: the feed post made, the points awarded and the user's new total. */
public record TaskCompletedData(
        long userId,
        long taskId,
        long feedId,
        int pointsAwarded,
        long totalPoints,
        String messageSid,
        String imageUrl) {
}
