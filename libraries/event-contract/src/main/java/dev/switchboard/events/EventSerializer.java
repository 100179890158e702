package dev.switchboard.events;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka value serializer for every topic: {@code value.serializer=dev.switchboard.events.EventSerializer}. Each record
 * also carries its event's type as a header ({@link EventHeaders}).
 */
public class EventSerializer implements Serializer<Event<?>> {

    @Override
    public byte[] serialize(String topic, Event<?> event) {
        return event == null ? null : EventJson.write(event);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, Event<?> event) {
        if (event != null && headers != null) {
            EventHeaders.add(headers, event);
        }
        return serialize(topic, event);
    }
}
