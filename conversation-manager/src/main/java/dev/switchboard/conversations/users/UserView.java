package dev.switchboard.conversations.users;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;

/** A user as the admin API answers it (the columns of {@code users}). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UserView(long id, OffsetDateTime createdAt, String username, String phoneNumber, String chatIdentity,
        long points) {

    static UserView of(Row row) {
        return new UserView(row.getLong("id"), row.getOffsetDateTime("created_at"), row.getString("username"),
                row.getString("phone_number"), row.getString("chat_identity"), row.getLong("points"));
    }
}
