package dev.switchboard.events;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The Kafka header every event carries beside its JSON ({@link EventSerializer} adds it): its type, so that a
 * consumer following one type passes over the others without parsing them. Records without it (written before it
 * existed, or raw) are parsed as before.
 */
public final class EventHeaders {

    public static final String TYPE = "event-type";

    private EventHeaders() {
    }

    public static void add(Headers headers, Event<?> event) {
        if (event.type() != null) {
            headers.remove(TYPE).add(TYPE, event.type().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The type the record's header names, if it has one. */
    public static Optional<String> type(Headers headers) {
        Header type = headers == null ? null : headers.lastHeader(TYPE);
        return type == null || type.value() == null ? Optional.empty()
                : Optional.of(new String(type.value(), StandardCharsets.UTF_8));
    }
}
