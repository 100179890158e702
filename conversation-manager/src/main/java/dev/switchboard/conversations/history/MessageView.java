package dev.switchboard.conversations.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.switchboard.events.MediaItem;
import dev.switchboard.events.MessageData;
import dev.switchboard.events.client.ClientEvents;
import dev.switchboard.events.client.ClientMedia;
import dev.switchboard.events.client.ClientMessage;
import io.vertx.mutiny.sqlclient.Row;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A stored message ({@code messages} row, alias {@code m}) as the one client shape, {@link ClientMessage}: the same
 * fields and values the stream shows for the event that gave the row its state. What only the row knows is added:
 * {@code media_status} and {@code storage_urls}. ({@code created_at} is {@code sent_at}: Twilio's DateCreated or, where
 * Twilio gave none, when the message.added was published, as {@code ClientEvents.createdAt}; the insert time only for
 * rows stored before that rule.)
 */
final class MessageView {

    /**
     * {@code stored_media}: the items whose bytes are kept ({@code media_objects}, what {@code /media/{index}} serves),
     * so that {@code storage_urls} can be rendered with the message SID. The {@code storage_urls} column is not read:
     * it holds paths by the numeric row id, which clients no longer see.
     */
    static final String COLUMNS = """
            m.message_sid, m.conversation_sid, m.conversation_key, m.channel, m.direction, m.from_number,
            m.to_number, m.author, m.body, m.attributes, m.conversation_index, m.media_items::text AS media_items,
            m.media_status, m.status, m.error_code, m.error_message, m.sent_at, m.created_at, m.twilio_updated_at,
            m.removed_at, m.last_event_id,
            ARRAY(SELECT o.media_index FROM media_objects o WHERE o.message_sid = m.message_sid
                  ORDER BY o.media_index) AS stored_media""";

    /** The persistence consumer writes {@code media_items} snake_case (its {@code Json}); read it the same way. */
    private static final ObjectMapper MEDIA_ITEMS = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private MessageView() {
    }

    static ClientMessage of(Row row) {
        String sid = row.getString("message_sid");
        List<MediaItem> items = mediaItems(row.getString("media_items"));
        List<ClientMedia> media = ClientEvents.media(sid, items);
        String direction = row.getString("direction");
        return new ClientMessage(sid, row.getString("conversation_sid"), row.getString("conversation_key"),
                row.getString("channel"), direction, row.getString("from_number"), row.getString("to_number"),
                row.getString("author"), row.getString("body"), row.getString("attributes"),
                row.getInteger("conversation_index"), items.size(), media, storageUrls(media, row),
                row.getString("media_status"), status(row.getString("status"), direction), row.getInteger("error_code"),
                row.getString("error_message"), createdAt(row),
                // Twilio's DateUpdated, as the stream shows it; null where Twilio gave none (SMS/WhatsApp).
                instant(row.getOffsetDateTime("twilio_updated_at")), instant(row.getOffsetDateTime("removed_at")),
                row.getString("last_event_id"));
    }

    /** Twilio's DateCreated (what the stream shows); an SMS/WhatsApp webhook has none: then when it was stored. */
    private static Instant createdAt(Row row) {
        OffsetDateTime sent = row.getOffsetDateTime("sent_at");
        return instant(sent != null ? sent : row.getOffsetDateTime("created_at"));
    }

    /**
     * As {@link ClientEvents} tells it: an inbound message stored without a status (a Conversations message, an
     * older producer's) was received. Only added rows are read, so an inbound row here is a message that arrived.
     */
    private static String status(String status, String direction) {
        return status == null && MessageData.INBOUND.equals(direction) ? "received" : status;
    }

    private static List<String> storageUrls(List<ClientMedia> media, Row row) {
        Integer[] stored = row.getArrayOfIntegers("stored_media");
        List<String> urls = new ArrayList<>();
        for (Integer index : stored == null ? new Integer[0] : stored) {
            if (index != null && index >= 0 && index < media.size()) {
                urls.add(media.get(index).url());
            }
        }
        return urls;
    }

    private static List<MediaItem> mediaItems(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return MEDIA_ITEMS.readValue(json, new TypeReference<List<MediaItem>>() {
            });
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
