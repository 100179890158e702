package dev.switchboard.ingest.publish;

import dev.switchboard.events.ConversationKey;
import dev.switchboard.events.Event;
import dev.switchboard.events.MessageData;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Puts message events on {@code twilio.message-events}, keyed by conversation; the Uni completes when Kafka acked. */
@ApplicationScoped
public class MessageEventPublisher {

    private final MutinyEmitter<Event<MessageData>> emitter;

    public MessageEventPublisher(@Channel("message-events") MutinyEmitter<Event<MessageData>> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(Event<MessageData> event) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(ConversationKey.of(event.data()))
                .build();
        return emitter.sendMessage(Message.of(event).addMetadata(metadata));
    }
}
