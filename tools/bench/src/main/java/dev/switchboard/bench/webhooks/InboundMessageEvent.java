package dev.switchboard.bench.webhooks;

import dev.switchboard.events.ConversationKey;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventSources;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.MediaItem;
import dev.switchboard.events.MessageData;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The {@code message.added} event webhook-ingest makes of a Messaging webhook (its {@code MessagingEvents}), field for
 * field, so that the Kafka baseline writes the same JSON to Kafka.
 */
final class InboundMessageEvent {

    private InboundMessageEvent() {
    }

    static Event<MessageData> of(Map<String, String> params) {
        String from = params.get("From");
        String sid = params.get("MessageSid") != null ? params.get("MessageSid") : params.get("SmsMessageSid");
        MessageData message = new MessageData(sid, params.get("AccountSid"), null, params.get("MessagingServiceSid"),
                from != null && from.startsWith("whatsapp:") ? "whatsapp" : "sms", from, params.get("To"), null,
                params.get("Body"), null, null, null, media(params), params.get("SmsStatus"), null, null, null, null,
                params);
        return Event.of(EventTypes.MESSAGE_ADDED, EventSources.MESSAGING, ConversationKey.of(message), message);
    }

    private static List<MediaItem> media(Map<String, String> params) {
        int declared;
        try {
            declared = Integer.parseInt(params.getOrDefault("NumMedia", "0").trim());
        } catch (NumberFormatException e) {
            declared = 0;
        }
        return IntStream.range(0, Math.min(declared, params.size()))
                .filter(i -> params.get("MediaUrl" + i) != null)
                .mapToObj(i -> new MediaItem(null, params.get("MediaUrl" + i), params.get("MediaContentType" + i),
                        null, null))
                .toList();
    }
}
