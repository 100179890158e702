package dev.switchboard.conversations.persistence;

import dev.switchboard.conversations.users.PhoneNumbers;
import dev.switchboard.database.PoisonEventException;
import dev.switchboard.events.ConversationKey;
import dev.switchboard.events.client.ClientEvents;
import dev.switchboard.events.Event;
import dev.switchboard.events.MessageData;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The upserts that apply message events to {@code messages}. Each is an {@code INSERT … ON CONFLICT (message_sid)}
 * whose conflict branch only changes the row when the event is news, so they commute: whatever order the events
 * arrive in, and however often, the final row is the same. An event that arrives before its {@code message.added}
 * inserts a placeholder row ({@code added_at} null) that the add later fills in; history never shows a placeholder.
 * A message Switchboard sent (direction outbound, source {@code message-sender}) is stored like any other; its media
 * are Switchboard's own URLs, so there is nothing to archive ({@code media_status} none). Every statement returns
 * {@code last_event_id} of the rows it changed: that is how the writer knows which events were applied.
 */
final class MessageStatements {

    /** $1–$11, shared by every statement: what any event tells about the message. */
    private static final String INSERT = """
            INSERT INTO messages AS m (message_sid, account_sid, conversation_sid, conversation_key, channel,
                from_number, to_number, from_e164, to_e164, author, last_event_id, %s)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, %s)
            ON CONFLICT (message_sid) DO UPDATE SET %s, last_event_id = EXCLUDED.last_event_id, updated_at = now()
            WHERE %s
            RETURNING last_event_id""";

    static final String ADD = INSERT.formatted(
            "body, attributes, conversation_index, num_media, media_items, twilio_params, status, error_code,"
                    + " error_message, sent_at, twilio_updated_at, media_status, added_at, direction",
            "$12, $13, $14, $15, $16::text::jsonb, $17::text::jsonb, $18, $19, $20, $21, $22,"
                    + " CASE WHEN $15 > 0 AND $23 = 'inbound' THEN 'pending' ELSE 'none' END, now(), $23",
            """
                    account_sid = COALESCE(EXCLUDED.account_sid, m.account_sid),
                    conversation_sid = COALESCE(EXCLUDED.conversation_sid, m.conversation_sid),
                    conversation_key = EXCLUDED.conversation_key, channel = EXCLUDED.channel,
                    from_number = COALESCE(EXCLUDED.from_number, m.from_number),
                    to_number = COALESCE(EXCLUDED.to_number, m.to_number),
                    from_e164 = COALESCE(EXCLUDED.from_e164, m.from_e164),
                    to_e164 = COALESCE(EXCLUDED.to_e164, m.to_e164),
                    author = COALESCE(EXCLUDED.author, m.author),
                    conversation_index = EXCLUDED.conversation_index, num_media = EXCLUDED.num_media,
                    media_items = EXCLUDED.media_items, twilio_params = EXCLUDED.twilio_params,
                    media_status = EXCLUDED.media_status, sent_at = EXCLUDED.sent_at, added_at = now(),
                    direction = EXCLUDED.direction,
                    body = CASE WHEN m.twilio_updated_at > COALESCE(EXCLUDED.twilio_updated_at, '-infinity')
                        THEN m.body ELSE EXCLUDED.body END,
                    attributes = CASE WHEN m.twilio_updated_at > COALESCE(EXCLUDED.twilio_updated_at, '-infinity')
                        THEN m.attributes ELSE EXCLUDED.attributes END,
                    twilio_updated_at = GREATEST(m.twilio_updated_at, EXCLUDED.twilio_updated_at),
                    status = CASE WHEN message_status_rank(m.status) >= message_status_rank(EXCLUDED.status)
                        THEN m.status ELSE EXCLUDED.status END,
                    error_code = COALESCE(m.error_code, EXCLUDED.error_code),
                    error_message = COALESCE(m.error_message, EXCLUDED.error_message)""",
            "m.added_at IS NULL");

    static final String UPDATE = INSERT.formatted(
            "body, attributes, twilio_updated_at",
            "$12, $13, $14",
            "body = EXCLUDED.body, attributes = EXCLUDED.attributes, twilio_updated_at = EXCLUDED.twilio_updated_at",
            "m.twilio_updated_at IS NULL OR m.twilio_updated_at < EXCLUDED.twilio_updated_at");

    static final String REMOVE = INSERT.formatted(
            "removed_at",
            "$12",
            "removed_at = EXCLUDED.removed_at",
            "m.removed_at IS NULL");

    static final String STATUS = INSERT.formatted(
            "status, error_code, error_message",
            "$12, $13, $14",
            """
                    status = EXCLUDED.status, error_code = COALESCE(EXCLUDED.error_code, m.error_code),
                    error_message = COALESCE(EXCLUDED.error_message, m.error_message)""",
            "message_status_rank(EXCLUDED.status) > message_status_rank(m.status)");

    private MessageStatements() {
    }

    static List<Object> add(Event<MessageData> event) {
        MessageData data = event.data();
        return row(event, data.body(), data.attributes(), data.index(), data.media().size(), Json.write(data.media()),
                Json.write(data.twilioParams()), data.status(), data.errorCode(), data.errorMessage(),
                timestamp(ClientEvents.createdAt(event)), timestamp(data.dateUpdated()), direction(data));
    }

    /** An event without a direction (an older producer's, Twilio's webhooks) is an inbound message. */
    static String direction(MessageData data) {
        return data.outbound() ? MessageData.OUTBOUND : MessageData.INBOUND;
    }

    static List<Object> update(Event<MessageData> event) {
        MessageData data = event.data();
        return row(event, data.body(), data.attributes(), timestamp(changedAt(event)));
    }

    static List<Object> remove(Event<MessageData> event) {
        return row(event, timestamp(changedAt(event)));
    }

    static List<Object> status(Event<MessageData> event) {
        MessageData data = event.data();
        if (data.status() == null) {
            throw new PoisonEventException("message.status without a status: " + event.id());
        }
        return row(event, data.status(), data.errorCode(), data.errorMessage());
    }

    private static List<Object> row(Event<MessageData> event, Object... specific) {
        MessageData data = event.data();
        if (data == null || data.messageSid() == null || data.messageSid().isBlank()) {
            throw new PoisonEventException(event.type() + " without a MessageSid: " + event.id());
        }
        List<Object> values = new ArrayList<>(Arrays.asList(data.messageSid(), data.accountSid(), data.conversationSid(),
                ConversationKey.of(data), data.channel() == null ? "unknown" : data.channel(), data.from(), data.to(),
                PhoneNumbers.e164(data.from()), PhoneNumbers.e164(data.to()), data.author(), event.id()));
        values.addAll(Arrays.asList(specific));
        return values;
    }

    /** Twilio's DateUpdated orders edits; an event without it counts as made when it was published. */
    private static Instant changedAt(Event<MessageData> event) {
        return event.data().dateUpdated() != null ? event.data().dateUpdated() : event.time();
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
