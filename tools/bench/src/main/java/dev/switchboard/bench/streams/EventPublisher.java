package dev.switchboard.bench.streams;

import dev.switchboard.bench.load.Settings;
import dev.switchboard.events.Event;
import dev.switchboard.events.MessageData;
import io.vertx.core.Vertx;
import java.util.List;

/** How P3's load puts its events where the server under test reads them: Kafka, or Nchan's publisher location. */
interface EventPublisher extends AutoCloseable {

    /** Hands over every event and returns once each was accepted (acked or answered). */
    void publish(List<Event<MessageData>> events) throws Exception;

    /** {@code publish=kafka} with {@code kafka=...}, or {@code publish=nchan} with {@code publishUrl=...}. */
    static EventPublisher from(Settings settings, Vertx vertx) {
        return switch (settings.text("publish")) {
            case "kafka" -> new KafkaEventPublisher(settings.text("kafka"));
            case "nchan" -> new NchanEventPublisher(vertx, settings.text("publishUrl"));
            default -> throw new IllegalArgumentException("publish=kafka or publish=nchan, not " + settings.text("publish"));
        };
    }

    @Override
    void close();
}
