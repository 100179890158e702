package dev.switchboard.ingest.twilio;

import dev.switchboard.events.ConversationKey;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventSources;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.MessageData;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * A Messaging status callback is a {@code message.status}. It is keyed like the message itself (the two addresses),
 * so a message and its statuses share a partition; ordering statuses is the consumer's job (they arrive out of order).
 */
@ApplicationScoped
public class StatusEvents implements WebhookNormalizer {

    @Override
    public Event<MessageData> normalize(WebhookRequest request) {
        String from = request.text("From");
        MessageData status = new MessageData(request.text("MessageSid", "SmsSid"), request.text("AccountSid"), null,
                request.text("MessagingServiceSid"), MessageData.messagingChannel(from), from, request.text("To"), null,
                null, null, null, null, List.of(), request.text("MessageStatus", "SmsStatus"),
                request.integer("ErrorCode"), request.text("ErrorMessage"), null, null, request.twilioParams());
        return Event.of(EventTypes.MESSAGE_STATUS, EventSources.STATUS, ConversationKey.of(status), status);
    }
}
