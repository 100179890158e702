package dev.switchboard.events.client;

import dev.switchboard.events.ConversationKey;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.MessageData;
import dev.switchboard.events.MediaItem;
import dev.switchboard.events.TaskCompletedData;
import java.util.ArrayList;
import java.util.List;

/**
 * Contract events as clients see them. The realtime gateway (live events and catch-up) and conversation-manager
 * (conversation history) both render through here, so an event reads the same on the stream and in history.
 */
public final class ClientEvents {

    private ClientEvents() {
    }

    public static ClientEvent message(Event<MessageData> event) {
        return new ClientEvent(event.id(), event.type(), event.time(), messageOf(event), null);
    }

    public static ClientEvent task(Event<TaskCompletedData> event) {
        return new ClientEvent(event.id(), event.type(), event.time(), null, ClientTask.of(event.data()));
    }

    /** The message as the event tells it; {@code cursor} is the event's id. */
    private static ClientMessage messageOf(Event<MessageData> event) {
        MessageData m = event.data();
        String type = event.type();
        return new ClientMessage(m.messageSid(), m.conversationSid(), ConversationKey.of(m), m.channel(),
                direction(type, m), m.from(), m.to(), m.author(), m.body(), m.attributes(), m.index(),
                m.media().size(), media(m.messageSid(), m.media()), List.of(), null, status(type, m), m.errorCode(),
                m.errorMessage(), createdAt(event), m.dateUpdated(),
                EventTypes.MESSAGE_REMOVED.equals(type) ? m.dateUpdated() : null, event.id());
    }

    /**
     * When a message was created: Twilio's DateCreated, which Messaging webhooks do not carry; for those, when its
     * message.added was published. conversation-manager stores the same instant, so the APIs show the same value.
     */
    public static java.time.Instant createdAt(Event<MessageData> event) {
        if (event.data().dateCreated() != null) {
            return event.data().dateCreated();
        }
        return EventTypes.MESSAGE_ADDED.equals(event.type()) ? event.time() : null;
    }

    /** A message.added without a direction was published before the field existed: every such message was inbound. */
    static String direction(String type, MessageData m) {
        if (m.direction() != null) {
            return m.direction();
        }
        return EventTypes.MESSAGE_ADDED.equals(type) ? MessageData.INBOUND : null;
    }

    private static String status(String type, MessageData m) {
        if (m.status() != null) {
            return m.status();
        }
        return EventTypes.MESSAGE_ADDED.equals(type) && !m.outbound() ? "received" : null;
    }

    public static List<ClientMedia> media(String messageSid, List<MediaItem> items) {
        List<ClientMedia> media = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            MediaItem item = items.get(i);
            media.add(new ClientMedia(i, item.sid(), item.contentType(), item.filename(), item.size(),
                    messageSid == null ? null : ClientMedia.path(messageSid, i)));
        }
        return media;
    }
}
