package dev.switchboard.realtime.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.events.ConversationKey;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.MessageData;
import dev.switchboard.events.TaskCompletedData;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Set;

/** Turns contract events (from Kafka or from the durable log) into {@link StreamEvent}s. */
@ApplicationScoped
public class StreamEvents {

    private final ObjectMapper json;

    public StreamEvents(ObjectMapper json) {
        this.json = json;
    }

    public StreamEvent message(Event<MessageData> event) {
        MessageData m = event.data();
        String key = ConversationKey.of(m);
        MessageView view = new MessageView(event.id(), event.type(), event.time(), key, m.conversationSid(),
                m.messageSid(), m.channel(), direction(event), m.from(), m.to(), m.author(), m.body(), m.index(), m.media(), m.status(),
                m.errorCode(), m.errorMessage(), m.dateCreated(), m.dateUpdated());
        Audience audience = new Audience(null, m.conversationSid(), key, numbers(m));
        return streamEvent(event, audience, view);
    }

    private static String direction(Event<MessageData> event) {
        if (event.data().direction() != null) {
            return event.data().direction();
        }
        return EventTypes.MESSAGE_ADDED.equals(event.type()) ? MessageData.INBOUND : null;
    }

    public StreamEvent task(Event<TaskCompletedData> event) {
        TaskCompletedData t = event.data();
        TaskView view = new TaskView(event.id(), event.type(), event.time(), t.userId(), t.taskId(), t.feedId(),
                t.pointsAwarded(), t.totalPoints(), t.messageSid(), t.imageUrl());
        return streamEvent(event, Audience.user(t.userId()), view);
    }

    private static Set<String> numbers(MessageData m) {
        if (m.conversationSid() != null) {
            return Set.of();
        }
        Set<String> numbers = new HashSet<>();
        if (m.from() != null) {
            numbers.add(Audience.e164(m.from()));
        }
        if (m.to() != null) {
            numbers.add(Audience.e164(m.to()));
        }
        return Set.copyOf(numbers);
    }

    private StreamEvent streamEvent(Event<?> event, Audience audience, Object view) {
        return new StreamEvent(event.id(), event.type(), event.time(), audience,
                SseFrame.of(event.id(), event.type(), write(view)));
    }

    private String write(Object view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event cannot be written as JSON", e);
        }
    }
}
