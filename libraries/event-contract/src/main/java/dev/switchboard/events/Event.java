package dev.switchboard.events;

import java.time.Instant;

/**
 * The envelope of every event, in CloudEvents structured JSON form so that other tools can read the stream.
 *
 * @param id      unique and time-ordered ({@link EventIds}); consumers dedup on it
 * @param subject what the event is about: the conversation key, user id or command id (also the Kafka key)
 */
public record Event<D>(String specversion, String id, String type, String source, Instant time, String subject, D data) {

    public static final String SPEC_VERSION = "1.0";

    public static <D> Event<D> of(String type, String source, String subject, D data) {
        return new Event<>(SPEC_VERSION, EventIds.next(), type, source, Instant.now(), subject, data);
    }
}
