package dev.switchboard.events.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.switchboard.events.TaskCompletedData;

/** A task completed by a photo, as its user's stream shows it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ClientTask(long userId, long taskId, long feedId, int pointsAwarded, long totalPoints, String messageSid,
        String imageUrl) {

    public static ClientTask of(TaskCompletedData t) {
        return new ClientTask(t.userId(), t.taskId(), t.feedId(), t.pointsAwarded(), t.totalPoints(), t.messageSid(),
                t.imageUrl());
    }
}
