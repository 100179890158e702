package dev.switchboard.ingest.twilio;

import dev.switchboard.events.ConversationKey;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventSources;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.MediaItem;
import dev.switchboard.events.MessageData;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.stream.IntStream;

/** An inbound SMS, MMS or WhatsApp message (Messaging webhook) is a {@code message.added}; Body may be absent. */
@ApplicationScoped
public class MessagingEvents implements WebhookNormalizer {

    @Override
    public Event<MessageData> normalize(WebhookRequest request) {
        String from = request.text("From");
        MessageData message = new MessageData(request.text("MessageSid", "SmsMessageSid"), request.text("AccountSid"),
                null, request.text("MessagingServiceSid"), MessageData.messagingChannel(from), from, request.text("To"), null,
                request.text("Body"), null, null, null, media(request), request.text("SmsStatus"), null, null, null,
                null, request.twilioParams());
        return Event.of(EventTypes.MESSAGE_ADDED, EventSources.MESSAGING, ConversationKey.of(message), message);
    }

    /** At most one item per parameter: a huge {@code NumMedia} must not make billions of lookups. */
    private static List<MediaItem> media(WebhookRequest request) {
        int declared = request.integer("NumMedia") == null ? 0 : request.integer("NumMedia");
        return IntStream.range(0, Math.min(declared, request.params().size()))
                .filter(i -> request.text("MediaUrl" + i) != null)
                .mapToObj(i -> new MediaItem(null, request.text("MediaUrl" + i), request.text("MediaContentType" + i),
                        null, null))
                .toList();
    }
}
