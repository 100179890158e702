package dev.switchboard.conversations.history;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;

/**
 * A stored message as clients read it; field names are the columns' (snake_case), as in the earlier design.
 * {@code direction} is {@code inbound} (to Switchboard) or {@code outbound} (sent by Switchboard).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MessageView(
        long id,
        String messageSid,
        String accountSid,
        String conversationSid,
        String conversationKey,
        String channel,
        String direction,
        String fromNumber,
        String toNumber,
        String author,
        String body,
        String attributes,
        int numMedia,
        @JsonRawValue String mediaItems,
        @JsonRawValue String storageUrls,
        String mediaStatus,
        String mediaError,
        String status,
        Integer errorCode,
        String errorMessage,
        boolean processed,
        OffsetDateTime sentAt,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        OffsetDateTime removedAt) {

    static final String COLUMNS = """
            m.id, m.message_sid, m.account_sid, m.conversation_sid, m.conversation_key, m.channel, m.direction,
            m.from_number, m.to_number, m.author, m.body, m.attributes, m.num_media, m.media_items::text AS media_items,
            m.storage_urls::text AS storage_urls, m.media_status, m.media_error, m.status, m.error_code,
            m.error_message, m.processed, m.sent_at, m.created_at, m.updated_at, m.removed_at""";

    static MessageView of(Row row) {
        return new MessageView(row.getLong("id"), row.getString("message_sid"), row.getString("account_sid"),
                row.getString("conversation_sid"), row.getString("conversation_key"), row.getString("channel"),
                row.getString("direction"),
                row.getString("from_number"), row.getString("to_number"), row.getString("author"),
                row.getString("body"), row.getString("attributes"), row.getInteger("num_media"),
                row.getString("media_items"), row.getString("storage_urls"), row.getString("media_status"),
                row.getString("media_error"), row.getString("status"), row.getInteger("error_code"),
                row.getString("error_message"), row.getBoolean("processed"), row.getOffsetDateTime("sent_at"),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"),
                row.getOffsetDateTime("removed_at"));
    }
}
