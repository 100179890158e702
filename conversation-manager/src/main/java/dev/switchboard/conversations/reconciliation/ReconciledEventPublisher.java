package dev.switchboard.conversations.reconciliation;

import dev.switchboard.events.ConversationKey;
import dev.switchboard.events.Event;
import dev.switchboard.events.MessageData;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Puts reconciled events on {@code twilio.message-events} keyed by conversation, as webhook-ingest does, so they take
 * the normal path: persistence, media, task completion, the streams. Completes when Kafka acknowledged.
 */
@ApplicationScoped
public class ReconciledEventPublisher {

    public static final String CHANNEL = "reconciled-events";

    private final MutinyEmitter<Event<MessageData>> emitter;

    public ReconciledEventPublisher(@Channel(CHANNEL) MutinyEmitter<Event<MessageData>> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(Event<MessageData> event) {
        return emitter.sendMessage(Message.of(event).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(ConversationKey.of(event.data()))
                .build()));
    }
}
