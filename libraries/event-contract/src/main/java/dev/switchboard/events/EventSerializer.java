package dev.switchboard.events;

import org.apache.kafka.common.serialization.Serializer;

/** Kafka value serializer for every topic: {@code value.serializer=dev.switchboard.events.EventSerializer}. */
public class EventSerializer implements Serializer<Event<?>> {

    @Override
    public byte[] serialize(String topic, Event<?> event) {
        return event == null ? null : EventJson.write(event);
    }
}
