package dev.switchboard.conversations.tasks;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.switchboard.problem.ProblemException;
import java.time.OffsetDateTime;

/** Body of {@code POST /tasks}; {@code points} null means the configured default award. */
public record NewTask(
        @JsonProperty("user_id") Long userId,
        @JsonProperty("description") String description,
        @JsonProperty("due_time") OffsetDateTime dueTime,
        @JsonProperty("points") Integer points) {

    NewTask validated() {
        if (userId == null) {
            throw ProblemException.badRequest("invalid-task", "user_id is required");
        }
        if (description == null || description.isBlank()) {
            throw ProblemException.badRequest("invalid-task", "description is required");
        }
        if (points != null && points < 0) {
            throw ProblemException.badRequest("invalid-task", "points must not be negative");
        }
        return this;
    }
}
