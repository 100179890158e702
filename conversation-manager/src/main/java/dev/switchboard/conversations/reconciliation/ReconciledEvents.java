package dev.switchboard.conversations.reconciliation;

import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.message.Media;
import com.twilio.rest.conversations.v1.service.conversation.Participant;
import dev.switchboard.events.ConversationKey;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventIds;
import dev.switchboard.events.EventSources;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.MediaItem;
import dev.switchboard.events.MessageData;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The events webhook-ingest would have published for what Twilio lists, built from Twilio's resources: the same
 * types, keys and fields (its normalizers, {@code MessagingEvents}, {@code StatusEvents}, {@code ConversationsEvents}),
 * Twilio's parameter names in {@code twilioParams}, and source {@code reconciliation}. Each id is derived from what the
 * event tells ({@link EventIds#derived}): a fact published twice is one event, which consumers drop as a repeat.
 */
final class ReconciledEvents {

    static final String PARTICIPANT_ADDED = "conversation.onParticipantAdded";
    static final String PARTICIPANT_REMOVED = "conversation.onParticipantRemoved";
    /** Twilio serves media at api.twilio.com, as in webhooks; conversation-manager rebases it onto TWILIO_API_BASE_URL. */
    private static final String API_ORIGIN = "https://api.twilio.com";

    private ReconciledEvents() {
    }

    /** A received SMS, MMS or WhatsApp message whose Messaging webhook never arrived. */
    static Event<MessageData> received(Message message, List<Media> media) {
        String from = address(message.getFrom());
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", message.getSid());
        params.put("SmsSid", message.getSid());
        params.put("SmsMessageSid", message.getSid());
        params.put("AccountSid", message.getAccountSid());
        params.put("MessagingServiceSid", message.getMessagingServiceSid());
        params.put("From", from);
        params.put("To", message.getTo());
        params.put("Body", message.getBody());
        params.put("NumMedia", Integer.toString(media.size()));
        params.put("NumSegments", message.getNumSegments());
        params.put("SmsStatus", "received");
        params.put("ApiVersion", message.getApiVersion());
        List<MediaItem> items = new java.util.ArrayList<>();
        for (int i = 0; i < media.size(); i++) {
            String url = API_ORIGIN + media.get(i).getUri().replaceFirst("\\.json$", "");
            params.put("MediaUrl" + i, url);
            params.put("MediaContentType" + i, media.get(i).getContentType());
            items.add(new MediaItem(null, url, media.get(i).getContentType(), null, null));
        }
        params.values().removeIf(Objects::isNull);
        Instant created = instant(message.getDateCreated());
        MessageData data = new MessageData(message.getSid(), message.getAccountSid(), null,
                message.getMessagingServiceSid(), MessageData.messagingChannel(from), from, message.getTo(), null,
                message.getBody(), null, null, null, items, "received", null, null, created, null, params);
        return event(EventTypes.MESSAGE_ADDED, created, message.getSid(), data);
    }

    /** A later status of a message Switchboard sent, whose status callback never arrived. */
    static Event<MessageData> status(Message message) {
        String from = address(message.getFrom());
        String status = message.getStatus().toString();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", message.getSid());
        params.put("SmsSid", message.getSid());
        params.put("AccountSid", message.getAccountSid());
        params.put("MessagingServiceSid", message.getMessagingServiceSid());
        params.put("From", from);
        params.put("To", message.getTo());
        params.put("MessageStatus", status);
        params.put("SmsStatus", status);
        params.put("ApiVersion", message.getApiVersion());
        if (message.getErrorCode() != null) {
            params.put("ErrorCode", message.getErrorCode().toString());
        }
        params.values().removeIf(Objects::isNull);
        MessageData data = new MessageData(message.getSid(), message.getAccountSid(), null,
                message.getMessagingServiceSid(), MessageData.messagingChannel(from), from, message.getTo(), null,
                null, null, null, null, List.of(), status, message.getErrorCode(), message.getErrorMessage(), null,
                null, params);
        Instant at = instant(message.getDateUpdated() != null ? message.getDateUpdated() : message.getDateCreated());
        return event(EventTypes.MESSAGE_STATUS, at, message.getSid() + "|" + status, data);
    }

    /** A Conversations message whose onMessageAdded never arrived. */
    static Event<MessageData> conversationMessage(com.twilio.rest.conversations.v1.service.conversation.Message message) {
        Instant created = instant(message.getDateCreated());
        Map<String, String> params = conversationParams("onMessageAdded", message.getAccountSid(),
                message.getChatServiceSid(), message.getConversationSid());
        params.put("MessageSid", message.getSid());
        params.put("Index", message.getIndex() == null ? null : message.getIndex().toString());
        params.put("Author", message.getAuthor());
        params.put("ParticipantSid", message.getParticipantSid());
        params.put("Body", message.getBody());
        params.put("Attributes", message.getAttributes());
        params.put("DateCreated", created == null ? null : created.toString());
        params.values().removeIf(Objects::isNull);
        MessageData data = new MessageData(message.getSid(), message.getAccountSid(), message.getConversationSid(),
                null, "chat", message.getAuthor(), null, message.getAuthor(), message.getBody(), message.getIndex(),
                message.getParticipantSid(), message.getAttributes(), conversationMedia(message.getMedia()), null,
                null, null, created, null, params);
        return event(EventTypes.MESSAGE_ADDED, created, message.getSid(), data);
    }

    /** Someone Twilio lists in a Conversation whose onParticipantAdded never arrived. */
    static Event<MessageData> participantAdded(Participant participant) {
        Map<String, String> params = conversationParams("onParticipantAdded", participant.getAccountSid(),
                participant.getChatServiceSid(), participant.getConversationSid());
        params.put("ParticipantSid", participant.getSid());
        params.put("Identity", participant.getIdentity());
        params.put("Attributes", participant.getAttributes());
        if (participant.getMessagingBinding() instanceof Map<?, ?> binding) {
            params.put("MessagingBinding.Type", (String) binding.get("type"));
            params.put("MessagingBinding.Address", (String) binding.get("address"));
            params.put("MessagingBinding.ProxyAddress", (String) binding.get("proxy_address"));
        }
        Instant created = instant(participant.getDateCreated());
        params.put("DateCreated", created == null ? null : created.toString());
        params.values().removeIf(Objects::isNull);
        return participantEvent(PARTICIPANT_ADDED, created, participant.getAccountSid(),
                participant.getConversationSid(), participant.getSid(), participant.getAttributes(), params);
    }

    /** Someone Switchboard still counts in a Conversation that Twilio no longer lists: removed, unannounced. */
    static Event<MessageData> participantRemoved(String accountSid, String chatServiceSid, StoredState.Participant gone) {
        Map<String, String> params = conversationParams("onParticipantRemoved", accountSid, chatServiceSid,
                gone.conversationSid());
        params.put("ParticipantSid", gone.participantSid());
        params.put("Identity", gone.identity());
        params.put("MessagingBinding.Address", gone.address());
        params.put("MessagingBinding.ProxyAddress", gone.proxyAddress());
        params.values().removeIf(Objects::isNull);
        return participantEvent(PARTICIPANT_REMOVED, gone.addedAt(), accountSid, gone.conversationSid(),
                gone.participantSid(), null, params);
    }

    private static Event<MessageData> participantEvent(String type, Instant at, String accountSid,
            String conversationSid, String participantSid, String attributes, Map<String, String> params) {
        MessageData data = new MessageData(null, accountSid, conversationSid, null, "chat", null, null, null, null,
                null, participantSid, attributes, List.of(), null, null, null, null, null, params);
        return event(type, at, participantSid, data);
    }

    private static Map<String, String> conversationParams(String eventType, String accountSid, String chatServiceSid,
            String conversationSid) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("EventType", eventType);
        params.put("AccountSid", accountSid);
        params.put("ChatServiceSid", chatServiceSid);
        params.put("ConversationSid", conversationSid);
        return params;
    }

    /** Conversations lists media as {@code [{"sid", "content_type", "filename", "size", ...}]}. */
    private static List<MediaItem> conversationMedia(List<Object> media) {
        if (media == null) {
            return List.of();
        }
        return media.stream()
                .filter(Map.class::isInstance)
                .map(item -> (Map<?, ?>) item)
                .map(item -> new MediaItem(text(item.get("sid")), null, text(item.get("content_type")),
                        text(item.get("filename")), item.get("size") instanceof Number size ? size.longValue() : null))
                .toList();
    }

    private static Event<MessageData> event(String type, Instant at, String fact, MessageData data) {
        Instant when = at != null ? at : Instant.EPOCH;
        return new Event<>(Event.SPEC_VERSION, EventIds.derived(when, type + "|" + fact), type,
                EventSources.RECONCILIATION, Instant.now(), ConversationKey.of(data), data);
    }

    private static String address(com.twilio.type.PhoneNumber number) {
        return number == null ? null : number.toString();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static Instant instant(ZonedDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
