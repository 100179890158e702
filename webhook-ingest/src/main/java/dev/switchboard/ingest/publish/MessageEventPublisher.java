package dev.switchboard.ingest.publish;

import dev.switchboard.events.ConversationKey;
import dev.switchboard.events.Event;
import dev.switchboard.events.MessageData;
import dev.switchboard.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Puts message events on {@code twilio.message-events}, keyed by conversation. The Uni completes only when Kafka
 * acked; when the broker does not ack within {@link PublishConfig#ackTimeout()} or refuses, it fails with a 503
 * problem so that Twilio retries (a late ack then makes a duplicate, which consumers drop by message SID).
 */
@ApplicationScoped
public class MessageEventPublisher {

    private static final Logger LOG = Logger.getLogger(MessageEventPublisher.class);

    private final MutinyEmitter<Event<MessageData>> emitter;
    private final PublishConfig config;

    public MessageEventPublisher(@Channel("message-events") MutinyEmitter<Event<MessageData>> emitter,
            PublishConfig config) {
        this.emitter = emitter;
        this.config = config;
    }

    public Uni<Void> publish(Event<MessageData> event) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(ConversationKey.of(event.data()))
                .build();
        // sendMessage is lazy: the record is handed to Kafka when the caller subscribes.
        return emitter.sendMessage(Message.of(event).addMetadata(metadata))
                .ifNoItem().after(config.ackTimeout()).fail()
                .onFailure().transform(failure -> {
                    LOG.warnf("Event %s (%s) not acknowledged by Kafka: %s", event.id(), event.type(), failure);
                    return new ProblemException(503, "kafka-unavailable", "Event not accepted",
                            "Kafka did not acknowledge the event in time; retry later");
                });
    }
}
