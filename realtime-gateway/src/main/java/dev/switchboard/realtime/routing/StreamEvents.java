package dev.switchboard.realtime.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.events.ConversationKey;
import dev.switchboard.events.Event;
import dev.switchboard.events.MessageData;
import dev.switchboard.events.TaskCompletedData;
import dev.switchboard.events.client.ClientEvent;
import dev.switchboard.events.client.ClientEvents;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Set;

/**
 * Turns contract events (from Kafka or from the durable log) into {@link StreamEvent}s. The SSE data is the
 * {@link ClientEvent} that {@link ClientEvents} renders, the same rendering conversation-manager's history answers,
 * so an event reads the same on the stream, in catch-up and in history.
 */
@ApplicationScoped
public class StreamEvents {

    private final ObjectMapper json;

    public StreamEvents(ObjectMapper json) {
        this.json = json;
    }

    public StreamEvent message(Event<MessageData> event) {
        MessageData m = event.data();
        Audience audience = new Audience(null, m.conversationSid(), ConversationKey.of(m), numbers(m));
        return streamEvent(event, audience, ClientEvents.message(event));
    }

    public StreamEvent task(Event<TaskCompletedData> event) {
        return streamEvent(event, Audience.user(event.data().userId()), ClientEvents.task(event));
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

    private StreamEvent streamEvent(Event<?> event, Audience audience, ClientEvent data) {
        return new StreamEvent(event.id(), event.type(), event.time(), audience,
                SseFrame.of(event.id(), event.type(), write(data)));
    }

    private String write(ClientEvent data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event cannot be written as JSON: " + data.id(), e);
        }
    }
}
