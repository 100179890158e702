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
     * A {@link MessageEvents} deserializer for a consumer that follows one type: a record whose {@link EventHeaders}
     * name another type is not parsed (null), as most of the topic is of other types. A record without the header is
     * parsed as before.
     */
    public abstract static class OneMessageType extends MessageEvents {
        private final String type;

        protected OneMessageType(String type) {
            this.type = type;
        }

        @Override
        public Event<MessageData> deserialize(String topic, Headers headers, byte[] data) {
            return EventHeaders.type(headers).filter(named -> !type.equals(named)).isPresent()
                    ? null : deserialize(topic, data);
        }
    }

    /** {@code value.deserializer} of a consumer that follows only {@value EventTypes#MESSAGE_STATUS}. */
    public static class MessageStatuses extends OneMessageType {
        public MessageStatuses() {
            super(EventTypes.MESSAGE_STATUS);
        }
    }

    /**
     * {@code value.deserializer} of a consumer that follows only {@value EventTypes#MESSAGE_ADDED} (media, task
     * completion): statuses and conversation events are passed over unparsed.
     */
    public static class MessageAdditions extends OneMessageType {
        public MessageAdditions() {
            super(EventTypes.MESSAGE_ADDED);
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
