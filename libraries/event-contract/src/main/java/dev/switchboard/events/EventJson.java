package dev.switchboard.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The one JSON mapping of events. Unknown fields are ignored so that a newer producer never breaks an older consumer. */
public final class EventJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private EventJson() {
    }

    public static byte[] write(Event<?> event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event cannot be written as JSON: " + event.id(), e);
        }
    }

    public static <D> Event<D> read(byte[] json, Class<D> dataType) {
        try {
            return MAPPER.readValue(json, eventType(dataType));
        } catch (IOException e) {
            throw new UncheckedIOException("not a " + dataType.getSimpleName() + " event: " + e.getMessage(), e);
        }
    }

    private static JavaType eventType(Class<?> dataType) {
        return MAPPER.getTypeFactory().constructParametricType(Event.class, dataType);
    }
}
