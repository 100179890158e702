package dev.switchboard.conversations.testing;

import dev.switchboard.events.ConversationKey;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventSources;
import dev.switchboard.events.MediaItem;
import dev.switchboard.events.MessageData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test-data builder of message events: every message gets fresh SIDs and numbers, so tests never collide. */
public final class Messages {

    private String messageSid = sid("SM");
    private String accountSid = "AC" + "0".repeat(32);
    private String conversationSid;
    private String channel = "whatsapp";
    private String from = "whatsapp:" + phoneNumber();
    private String to = "whatsapp:" + phoneNumber();
    private String author;
    private String body = "hello " + messageSid;
    private String participantSid;
    private String status;
    private Integer errorCode;
    private Instant dateUpdated;
    private String direction;
    private final List<MediaItem> media = new ArrayList<>();
    private final Map<String, String> twilioParams = new HashMap<>();

    private Messages() {
    }

    public static Messages aMessage() {
        return new Messages();
    }

    public static String sid(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }

    /** A fresh E.164 number in the +1 555 range. */
    public static String phoneNumber() {
        return "+1555" + String.format("%07d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 10_000_000L));
    }

    public Messages from(String from) {
        this.from = from;
        return this;
    }

    public Messages to(String to) {
        this.to = to;
        return this;
    }

    public Messages body(String body) {
        this.body = body;
        return this;
    }

    public Messages status(String status) {
        this.status = status;
        return this;
    }

    public Messages errorCode(Integer errorCode) {
        this.errorCode = errorCode;
        return this;
    }

    public Messages dateUpdated(Instant dateUpdated) {
        this.dateUpdated = dateUpdated;
        return this;
    }

    /** A message Switchboard sent, as message-sender announces it (source message-sender, direction outbound). */
    public Messages outbound() {
        this.direction = MessageData.OUTBOUND;
        this.channel = "sms";
        this.status = "queued";
        return this;
    }

    public Messages media(String url, String contentType) {
        media.add(new MediaItem(null, url, contentType, null, null));
        twilioParams.put("MediaUrl" + (media.size() - 1), url);
        return this;
    }

    /** A parameter as webhook-ingest carries it in {@code twilioParams} (a repeated one: its values joined by commas). */
    public Messages param(String name, String value) {
        twilioParams.put(name, value);
        return this;
    }

    /** A Conversations (chat) message by {@code author} in {@code conversationSid}. */
    public Messages inConversation(String conversationSid, String author) {
        this.conversationSid = conversationSid;
        this.author = author;
        this.channel = "chat";
        this.from = author;
        this.to = null;
        return this;
    }

    /** A participant of {@code conversationSid}: identity for chat users, address for SMS/WhatsApp ones. */
    public Messages participant(String conversationSid, String identity, String address) {
        this.conversationSid = conversationSid;
        this.participantSid = sid("MB");
        this.messageSid = null;
        twilioParams.put("ParticipantSid", participantSid);
        twilioParams.put("ConversationSid", conversationSid);
        if (identity != null) {
            twilioParams.put("Identity", identity);
        }
        if (address != null) {
            twilioParams.put("MessagingBinding.Address", address);
        }
        return this;
    }

    public String messageSid() {
        return messageSid;
    }

    public String participantSid() {
        return participantSid;
    }

    public String from() {
        return from;
    }

    public String to() {
        return to;
    }

    public MessageData data() {
        Map<String, String> params = new HashMap<>(twilioParams);
        if (messageSid != null) {
            params.put("MessageSid", messageSid);
        }
        return new MessageData(messageSid, accountSid, conversationSid, null, channel, from, to, author, body, null,
                participantSid, null, media, status, errorCode, null, Instant.parse("2026-01-01T00:00:00Z"), dateUpdated,
                direction == null ? params : Map.of(), direction);
    }

    public Event<MessageData> event(String type) {
        MessageData data = data();
        return Event.of(type, data.outbound() ? EventSources.MESSAGE_SENDER : EventSources.MESSAGING,
                ConversationKey.of(data), data);
    }
}
