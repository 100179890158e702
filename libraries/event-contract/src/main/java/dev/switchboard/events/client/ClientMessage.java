package dev.switchboard.events.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * A message as every client-facing API and the realtime stream show it: one JSON shape, snake_case, every field always
 * present (null when unknown). Field names are the FastAPI backend's (docs/migrating.md) where it had the field
 * ({@code message_sid}, {@code from_number}, {@code to_number}, {@code body}, {@code num_media}, {@code media_items},
 * {@code storage_urls}, {@code status}, {@code created_at}, {@code updated_at}, {@code removed_at}); docs/api.md lists
 * what was renamed or dropped and why. Twilio's raw parameters never appear here.
 *
 * @param conversationSid  the Twilio Conversation (CH…); null for an SMS/WhatsApp exchange
 * @param conversationKey  what history is read by: the ConversationSid, or the exchange's two addresses {@code a|b}
 * @param channel          {@code sms}, {@code whatsapp} or {@code chat}
 * @param direction        {@code inbound} (to Switchboard) or {@code outbound} (sent by Switchboard)
 * @param index            the message's index in its Twilio Conversation; null for SMS/WhatsApp
 * @param mediaItems       the attachments, each with the Switchboard URL a client fetches it from
 * @param storageUrls      URLs of the attachments Switchboard has stored so far (empty until stored)
 * @param mediaStatus      {@code none}, {@code pending}, {@code stored} or {@code failed}; null where unknown (events)
 * @param status           Twilio's delivery status of an outbound message ({@code queued}, {@code sent},
 *                         {@code delivered}, {@code read}, {@code failed}, {@code undelivered}); {@code received} for
 *                         an inbound one
 * @param cursor           the id of the event that gave the message this state: resume the stream or history from it
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ClientMessage(
        String messageSid,
        String conversationSid,
        String conversationKey,
        String channel,
        String direction,
        String fromNumber,
        String toNumber,
        String author,
        String body,
        String attributes,
        Integer index,
        int numMedia,
        List<ClientMedia> mediaItems,
        List<String> storageUrls,
        String mediaStatus,
        String status,
        Integer errorCode,
        String errorMessage,
        Instant createdAt,
        Instant updatedAt,
        Instant removedAt,
        String cursor) {

    public ClientMessage {
        mediaItems = mediaItems == null ? List.of() : List.copyOf(mediaItems);
        storageUrls = storageUrls == null ? List.of() : List.copyOf(storageUrls);
        // PostgreSQL keeps microseconds: an event's instant is cut to them too, so every API shows the same value.
        createdAt = micros(createdAt);
        updatedAt = micros(updatedAt);
        removedAt = micros(removedAt);
    }

    private static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
