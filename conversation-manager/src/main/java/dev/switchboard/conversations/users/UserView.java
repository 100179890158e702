package dev.switchboard.conversations.users;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A user as the admin API answers it (the columns of {@code users}). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UserView(long id, OffsetDateTime createdAt, String username,
        @Schema(nullable = true, description = "E.164; null for an app-only user") String phoneNumber,
        @Schema(nullable = true, description = "null for an SMS/WhatsApp-only user") String chatIdentity,
        long points,
        @Schema(nullable = true, description = "Supabase Auth user id (the sub of the user's tokens); null when the"
                + " user signs in with tokens that name their id") java.util.UUID authId) {

    static UserView of(Row row) {
        return new UserView(row.getLong("id"), row.getOffsetDateTime("created_at"), row.getString("username"),
                row.getString("phone_number"), row.getString("chat_identity"), row.getLong("points"),
                row.getUUID("auth_id"));
    }
}
