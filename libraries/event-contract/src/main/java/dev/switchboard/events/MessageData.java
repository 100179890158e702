package dev.switchboard.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A message, message status, or conversation/participant event as Twilio reported it, normalized.
 *
 * @param channel      {@code sms}, {@code whatsapp} or {@code chat} (a Conversations message)
 * @param status       Twilio's message status for {@code message.status}, else null
 * @param twilioParams every parameter Twilio posted, untouched, so parameters Twilio adds later are carried, not dropped
 * @param direction    {@value #INBOUND} or {@value #OUTBOUND} (a message Switchboard sent); null in events published
 *                     before the field existed and in status events, which readers take as inbound
 */
public record MessageData(
        String messageSid,
        String accountSid,
        String conversationSid,
        String messagingServiceSid,
        String channel,
        String from,
        String to,
        String author,
        String body,
        Integer index,
        String participantSid,
        String attributes,
        List<MediaItem> media,
        String status,
        Integer errorCode,
        String errorMessage,
        Instant dateCreated,
        Instant dateUpdated,
        Map<String, String> twilioParams,
        String direction) {

    public static final String INBOUND = "inbound";
    public static final String OUTBOUND = "outbound";

    /** Without a direction: events as they were before it existed (read as inbound). */
    public MessageData(String messageSid, String accountSid, String conversationSid, String messagingServiceSid,
            String channel, String from, String to, String author, String body, Integer index, String participantSid,
            String attributes, List<MediaItem> media, String status, Integer errorCode, String errorMessage,
            Instant dateCreated, Instant dateUpdated, Map<String, String> twilioParams) {
        this(messageSid, accountSid, conversationSid, messagingServiceSid, channel, from, to, author, body, index,
                participantSid, attributes, media, status, errorCode, errorMessage, dateCreated, dateUpdated,
                twilioParams, null);
    }

    /** The channel of a Messaging address: WhatsApp addresses are {@code whatsapp:+1555...}; anything else is SMS/MMS. */
    public static String messagingChannel(String address) {
        return address != null && address.startsWith("whatsapp:") ? "whatsapp" : "sms";
    }

    /** Whether Switchboard sent this message (a null direction is an inbound one). */
    public boolean outbound() {
        return OUTBOUND.equals(direction);
    }

    public MessageData {
        media = media == null ? List.of() : List.copyOf(media);
        twilioParams = twilioParams == null ? Map.of() : Map.copyOf(twilioParams);
    }
}
