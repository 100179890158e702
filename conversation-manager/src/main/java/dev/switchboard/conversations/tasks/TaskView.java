package dev.switchboard.conversations.tasks;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A task as the admin API answers it (the columns of {@code tasks}). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TaskView(long id, OffsetDateTime createdAt, long userId, String description,
        @Schema(nullable = true) OffsetDateTime dueTime, String status, @Schema(nullable = true) Integer points,
        @Schema(nullable = true, description = "null until completed") OffsetDateTime completedAt) {

    static TaskView of(Row row) {
        return new TaskView(row.getLong("id"), row.getOffsetDateTime("created_at"), row.getLong("user_id"),
                row.getString("description"), row.getOffsetDateTime("due_time"), row.getString("status"),
                row.getInteger("points"), row.getOffsetDateTime("completed_at"));
    }
}
