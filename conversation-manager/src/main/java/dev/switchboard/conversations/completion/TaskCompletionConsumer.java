package dev.switchboard.conversations.completion;

import dev.switchboard.conversations.persistence.EventBatches;
import dev.switchboard.events.Event;
import dev.switchboard.events.MessageData;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumer group {@code task-completion} on {@code twilio.message-events}, a poll at a time: the poll's completions
 * and replies commit in one transaction ({@link EventBatches}), its outbox records are published by one flush, and
 * only then are its offsets committed. A crash in between replays the messages, which their claimed message SIDs turn
 * into no-ops, while the scheduled relay publishes what was left behind. Records of other types arrive without a
 * payload (the deserializer passes them over) and are not this group's to dead-letter: persistence reads them all.
 */
@ApplicationScoped
public class TaskCompletionConsumer {

    public static final String CHANNEL = "message-events-completion";

    private final TaskCompletion completion;
    private final OutboxRelay relay;

    public TaskCompletionConsumer(TaskCompletion completion, OutboxRelay relay) {
        this.completion = completion;
        this.relay = relay;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onMessageEvents(KafkaRecordBatch<String, Event<MessageData>> batch) {
        return EventBatches.handle(batch.getRecords().stream().filter(record -> record.getPayload() != null).toList(),
                        completion::handle, "completing tasks")
                .chain(relay::flush)
                .chain(() -> Uni.createFrom().completionStage(batch::ack));
    }
}
