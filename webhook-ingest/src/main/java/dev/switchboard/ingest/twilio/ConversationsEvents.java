package dev.switchboard.ingest.twilio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.events.ConversationKey;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventSources;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.MediaItem;
import dev.switchboard.events.MessageData;
import dev.switchboard.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.jboss.logging.Logger;

/**
 * A Conversations post-event webhook: message events map to {@code message.*}, delivery receipts to
 * {@code message.status}, and every other event type (conversation, participant, or one Twilio adds later) is
 * forwarded as {@code conversation.<EventType>}.
 */
@ApplicationScoped
public class ConversationsEvents implements WebhookNormalizer {

    private static final Logger LOG = Logger.getLogger(ConversationsEvents.class);
    private static final Map<String, String> MESSAGE_EVENT_TYPES = Map.of(
            "onMessageAdded", EventTypes.MESSAGE_ADDED,
            "onMessageUpdated", EventTypes.MESSAGE_UPDATED,
            "onMessageRemoved", EventTypes.MESSAGE_REMOVED,
            "onDeliveryUpdated", EventTypes.MESSAGE_STATUS);

    private final ObjectMapper json;

    public ConversationsEvents(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Event<MessageData> normalize(WebhookRequest request) {
        String eventType = request.text("EventType");
        if (eventType == null || eventType.isBlank()) {
            throw new ProblemException(400, "missing-event-type", "Not a Conversations webhook",
                    "the EventType parameter is missing");
        }
        MessageData data = new MessageData(request.text("MessageSid"), request.text("AccountSid"),
                request.text("ConversationSid"), request.text("MessagingServiceSid"), "chat", request.text("Author"),
                null, request.text("Author"), request.text("Body"), request.integer("Index"),
                request.text("ParticipantSid"), request.text("Attributes"), media(request), request.text("Status"),
                request.integer("ErrorCode"), null, request.instant("DateCreated"), request.instant("DateUpdated"),
                request.twilioParams());
        String type = MESSAGE_EVENT_TYPES.getOrDefault(eventType, "conversation." + eventType);
        return Event.of(type, EventSources.CONVERSATIONS, ConversationKey.of(data), data);
    }

    /** {@code Media} is a JSON array; unreadable media is logged, not refused: the raw value is still in the event. */
    private List<MediaItem> media(WebhookRequest request) {
        String media = request.text("Media");
        if (media == null || media.isBlank()) {
            return List.of();
        }
        try {
            return StreamSupport.stream(json.readTree(media).spliterator(), false)
                    .map(ConversationsEvents::mediaItem)
                    .toList();
        } catch (JsonProcessingException e) {
            LOG.warnf("Media of Conversations message %s is not JSON; forwarded raw only", request.text("MessageSid"));
            return List.of();
        }
    }

    private static MediaItem mediaItem(JsonNode item) {
        return new MediaItem(item.path("Sid").asText(null), null, item.path("ContentType").asText(null),
                item.path("Filename").asText(null), item.hasNonNull("Size") ? item.get("Size").asLong() : null);
    }
}
