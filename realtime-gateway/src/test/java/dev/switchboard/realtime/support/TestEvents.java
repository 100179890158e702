package dev.switchboard.realtime.support;

import dev.switchboard.events.ConversationKey;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventSources;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.MediaItem;
import dev.switchboard.events.MessageData;
import dev.switchboard.events.TaskCompletedData;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Builders of contract events as webhook-ingest and conversation-manager publish them, with fresh SIDs each time. */
public final class TestEvents {

    private TestEvents() {
    }

    public static Event<MessageData> sms(String from, String to, String body) {
        Instant now = Instant.now();
        MessageData data = new MessageData(sid("SM"), sid("AC"), null, null,
                from.startsWith("whatsapp:") ? "whatsapp" : "sms", from, to, null, body, null, null, null, List.of(),
                "received", null, null, now, now, Map.of("From", from, "To", to, "Body", body));
        return Event.of(EventTypes.MESSAGE_ADDED, EventSources.MESSAGING, null, data);
    }

    /** A message Switchboard sent, as message-sender announces it once Twilio accepted the send. */
    public static Event<MessageData> sent(String from, String to, String body) {
        MessageData data = new MessageData(sid("SM"), sid("AC"), null, null,
                to.startsWith("whatsapp:") ? "whatsapp" : "sms", from, to, null, body, null, null, null, List.of(),
                "queued", null, null, Instant.now(), null, null, MessageData.OUTBOUND);
        return Event.of(EventTypes.MESSAGE_ADDED, EventSources.MESSAGE_SENDER, ConversationKey.of(data), data);
    }

    /** An inbound MMS with one attachment, as webhook-ingest publishes it (Twilio's media URL included). */
    public static Event<MessageData> mms(String from, String to, String body, MediaItem media) {
        Instant created = Instant.parse("2026-01-01T00:00:00Z");
        MessageData data = new MessageData(sid("MM"), sid("AC"), null, null, "sms", from, to, null, body, null, null,
                null, List.of(media), "received", null, null, created, created,
                Map.of("From", from, "To", to, "Body", body, "NumMedia", "1", "MediaUrl0", media.url()));
        return Event.of(EventTypes.MESSAGE_ADDED, EventSources.MESSAGING, null, data);
    }

    /** Twilio's status callback for a message Switchboard sent from {@code from} to {@code to}. */
    public static Event<MessageData> status(String from, String to, String status, Integer errorCode,
            String errorMessage) {
        Instant now = Instant.now();
        Map<String, String> params = new HashMap<>(Map.of("From", from, "To", to, "MessageStatus", status));
        if (errorCode != null) {
            params.put("ErrorCode", errorCode.toString());
        }
        MessageData data = new MessageData(sid("SM"), sid("AC"), null, null, "sms", from, to, null, null, null, null,
                null, List.of(), status, errorCode, errorMessage, null, now, params);
        return Event.of(EventTypes.MESSAGE_STATUS, EventSources.MESSAGING, null, data);
    }

    public static Event<MessageData> chat(String conversationSid, String author, String body) {
        Instant now = Instant.now();
        MessageData data = new MessageData(sid("IM"), sid("AC"), conversationSid, null, "chat", null, null, author,
                body, 0, sid("MB"), null, List.of(), null, null, null, now, now,
                Map.of("ConversationSid", conversationSid, "Author", author, "Body", body));
        return Event.of(EventTypes.MESSAGE_ADDED, EventSources.CONVERSATIONS, conversationSid, data);
    }

    /** The removal of a Conversations message, as Twilio reports it: the message as it was, updated now. */
    public static Event<MessageData> removed(Event<MessageData> added) {
        MessageData m = added.data();
        MessageData data = new MessageData(m.messageSid(), m.accountSid(), m.conversationSid(), null, m.channel(),
                m.from(), m.to(), m.author(), m.body(), m.index(), m.participantSid(), m.attributes(), m.media(), null,
                null, null, m.dateCreated(), Instant.now(), m.twilioParams());
        return Event.of(EventTypes.MESSAGE_REMOVED, added.source(), added.subject(), data);
    }

    public static Event<MessageData> participantAdded(String conversationSid, String participantSid, String identity) {
        return participant("conversation.onParticipantAdded", conversationSid, participantSid, identity);
    }

    public static Event<MessageData> participantRemoved(String conversationSid, String participantSid,
            String identity) {
        return participant("conversation.onParticipantRemoved", conversationSid, participantSid, identity);
    }

    public static Event<TaskCompletedData> taskCompleted(long userId) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        TaskCompletedData data = new TaskCompletedData(userId, random.nextLong(1, Long.MAX_VALUE),
                random.nextLong(1, Long.MAX_VALUE), 10, 10, sid("MM"), "https://media.example/" + sid("ME"));
        return Event.of(EventTypes.TASK_COMPLETED, EventSources.TASK_COMPLETION, Long.toString(userId), data);
    }

    public static String conversationSid() {
        return sid("CH");
    }

    public static String participantSid() {
        return sid("MB");
    }

    private static Event<MessageData> participant(String type, String conversationSid, String participantSid,
            String identity) {
        MessageData data = new MessageData(null, sid("AC"), conversationSid, null, "chat", null, null, null, null,
                null, participantSid, null, List.of(), null, null, null, Instant.now(), null,
                Map.of("ConversationSid", conversationSid, "ParticipantSid", participantSid, "Identity", identity,
                        "EventType", type.substring(type.indexOf('.') + 1)));
        return Event.of(type, EventSources.CONVERSATIONS, conversationSid, data);
    }

    private static String sid(String prefix) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return prefix + Long.toHexString(random.nextLong() | Long.MIN_VALUE) + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
    }
}
