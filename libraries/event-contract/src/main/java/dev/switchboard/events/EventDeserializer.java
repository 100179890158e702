package dev.switchboard.events;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/** Kafka value deserializer of one topic's events; each topic has a subclass naming its payload type. */
public abstract class EventDeserializer<D> implements Deserializer<Event<D>> {

    private final Class<D> dataType;

    protected EventDeserializer(Class<D> dataType) {
        this.dataType = dataType;
    }

    @Override
    public Event<D> deserialize(String topic, byte[] data) {
        return data == null ? null : EventJson.read(data, dataType);
    }

    /** {@code value.deserializer} of {@link Topics#MESSAGE_EVENTS}. */
    public static class MessageEvents extends EventDeserializer<MessageData> {
        public MessageEvents() {
            super(MessageData.class);
        }
    }

    /**
     * {@code value.deserializer} of a consumer of {@link Topics#MESSAGE_EVENTS} that follows only
     * {@value EventTypes#MESSAGE_STATUS}: a record whose {@link EventHeaders} name another type is not parsed (null),
     * as most of the topic is messages.
     */
    public static class MessageStatuses extends MessageEvents {
        @Override
        public Event<MessageData> deserialize(String topic, Headers headers, byte[] data) {
            return EventHeaders.type(headers).filter(type -> !EventTypes.MESSAGE_STATUS.equals(type)).isPresent()
                    ? null : deserialize(topic, data);
        }
    }

    /** {@code value.deserializer} of {@link Topics#TASK_EVENTS}. */
    public static class TaskEvents extends EventDeserializer<TaskCompletedData> {
        public TaskEvents() {
            super(TaskCompletedData.class);
        }
    }

    /** {@code value.deserializer} of {@link Topics#OUTBOUND_MESSAGES}. */
    public static class SendRequests extends EventDeserializer<SendRequestData> {
        public SendRequests() {
            super(SendRequestData.class);
        }
    }
}
