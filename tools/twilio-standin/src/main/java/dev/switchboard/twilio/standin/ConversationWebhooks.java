package dev.switchboard.twilio.standin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conversations post-event webhooks, with the parameter names of Twilio's Conversations webhooks. A change made
 * through the REST API is announced only when its request carries {@code X-Twilio-Webhook-Enabled: true}, as Twilio
 * does; a change that comes in by SMS always is. Each is queued under its conversation as the change is made, and
 * sent after the answer to the request that made it, in order per conversation.
 */
final class ConversationWebhooks {

    /** {@code Source} of a change made through the REST API. */
    static final String API = "API";

    private final WebhookConfigurations configurations;
    private final WebhookDeliveries deliveries;

    ConversationWebhooks(WebhookConfigurations configurations, WebhookDeliveries deliveries) {
        this.configurations = configurations;
        this.deliveries = deliveries;
    }

    /** Twilio announces REST-originated changes only when asked to, with this header. */
    static boolean enabledBy(StandInRequest request) {
        return request.header("X-Twilio-Webhook-Enabled").filter("true"::equalsIgnoreCase).isPresent();
    }

    /**
     * Queues {@code eventType} for the webhook configured for the conversation's chat service, if its filters take
     * it. Call with the change, under the store's lock, so that announcements queue in the order of the changes.
     *
     * @param origin the request that made the change: the webhook leaves after it is answered
     * @param params the event's own parameters, in Twilio's names; null values are left out, as Twilio leaves them
     */
    void announce(StandInRequest origin, JsonNode conversation, String eventType, String source,
                  Map<String, String> params) {
        String accountSid = conversation.path("account_sid").asText();
        String chatServiceSid = conversation.path("chat_service_sid").asText();
        WebhookConfigurations.Config config = configurations.effective(accountSid, chatServiceSid);
        config.postUrlFor(eventType).ifPresent(url -> {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("EventType", eventType);
            form.put("AccountSid", accountSid);
            form.put("ChatServiceSid", chatServiceSid);
            form.put("ConversationSid", conversation.path("sid").asText());
            form.put("Source", source);
            form.put("RetryCount", "0");
            params.forEach((name, value) -> {
                if (value != null) {
                    form.put(name, value);
                }
            });
            deliveries.enqueue(conversation.path("sid").asText(), origin.answered(),
                    new WebhookDeliveries.Delivery(WebhookDrops.CONVERSATIONS, url, config.method(), form));
        });
    }

    /** onConversationAdded, onConversationUpdated, onConversationRemoved. */
    static Map<String, String> conversation(JsonNode conversation, boolean updated) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessagingServiceSid", text(conversation, "messaging_service_sid"));
        params.put("FriendlyName", text(conversation, "friendly_name"));
        params.put("UniqueName", text(conversation, "unique_name"));
        params.put("Attributes", text(conversation, "attributes"));
        params.put("State", text(conversation, "state"));
        params.put("DateCreated", date(conversation, "date_created"));
        if (updated) {
            params.put("DateUpdated", date(conversation, "date_updated"));
        }
        return params;
    }

    /** onConversationStateUpdated; {@code Reason} is {@code API} for a REST update. */
    static Map<String, String> stateChange(JsonNode conversation, String stateFrom, String reason) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessagingServiceSid", text(conversation, "messaging_service_sid"));
        params.put("StateFrom", stateFrom);
        params.put("StateTo", text(conversation, "state"));
        params.put("StateUpdated", date(conversation, "date_updated"));
        params.put("Reason", reason);
        return params;
    }

    /** onParticipantAdded, onParticipantUpdated, onParticipantRemoved. */
    static Map<String, String> participant(JsonNode participant, boolean updated) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("ParticipantSid", text(participant, "sid"));
        params.put("Identity", text(participant, "identity"));
        params.put("RoleSid", text(participant, "role_sid"));
        params.put("Attributes", text(participant, "attributes"));
        JsonNode binding = participant.path("messaging_binding");
        params.put("MessagingBinding.Type", text(binding, "type"));
        params.put("MessagingBinding.Address", text(binding, "address"));
        params.put("MessagingBinding.ProxyAddress", text(binding, "proxy_address"));
        params.put("MessagingBinding.ProjectedAddress", text(binding, "projected_address"));
        params.put("DateCreated", date(participant, "date_created"));
        if (updated) {
            params.put("DateUpdated", date(participant, "date_updated"));
            params.put("LastReadMessageIndex", text(participant, "last_read_message_index"));
        }
        return params;
    }

    /** onMessageAdded, onMessageUpdated, onMessageRemoved. */
    static Map<String, String> message(JsonNode conversation, JsonNode message, boolean updated) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessagingServiceSid", text(conversation, "messaging_service_sid"));
        params.put("MessageSid", text(message, "sid"));
        params.put("Index", text(message, "index"));
        params.put("Author", text(message, "author"));
        params.put("ParticipantSid", text(message, "participant_sid"));
        params.put("Body", text(message, "body"));
        params.put("Attributes", text(message, "attributes"));
        params.put("Media", media(message.path("media")));
        params.put("DateCreated", date(message, "date_created"));
        if (updated) {
            params.put("DateUpdated", date(message, "date_updated"));
        }
        return params;
    }

    /** A removal: the resource as it was, plus when it was removed. */
    static Map<String, String> removed(Map<String, String> params) {
        Map<String, String> removed = new LinkedHashMap<>(params);
        removed.put("DateRemoved", TwilioTime.webhook(TwilioTime.iso(java.time.Instant.now())));
        return removed;
    }

    /** Twilio's webhook form of a message's media: a JSON array of {Sid, Filename, ContentType, Size, Category}. */
    private static String media(JsonNode media) {
        if (!media.isArray() || media.isEmpty()) {
            return null;
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (JsonNode item : media) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("Sid", item.path("sid").asText(null));
            entry.put("Filename", item.path("filename").asText(null));
            entry.put("ContentType", item.path("content_type").asText(null));
            entry.put("Size", item.path("size").isNumber() ? item.path("size").asLong() : null);
            entry.put("Category", item.path("category").asText("media"));
            items.add(entry);
        }
        try {
            return Json.MAPPER.writeValueAsString(items);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() ? null : value.asText();
    }

    private static String date(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? null : TwilioTime.webhook(value);
    }
}
