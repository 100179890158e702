package dev.switchboard.conversations.persistence;

import dev.switchboard.database.PoisonEventException;
import dev.switchboard.events.Event;
import dev.switchboard.events.MessageData;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumer group {@code persistence} on {@code twilio.message-events}: every poll is written in one transaction
 * ({@link EventBatches}: a poison record is dead-lettered alone, an outage waited out), and the batch is acknowledged
 * (its offsets committed, strategy {@code throttled}) only after that transaction committed.
 */
@ApplicationScoped
public class PersistenceConsumer {

    public static final String CHANNEL = "message-events-persistence";

    private final MessageEventWriter writer;

    public PersistenceConsumer(MessageEventWriter writer) {
        this.writer = writer;
    }

    @Incoming(CHANNEL)
    public Uni<Void> persist(KafkaRecordBatch<String, Event<MessageData>> batch) {
        return EventBatches.handle(batch.getRecords().stream().filter(record -> record.getPayload() != null).toList(),
                        writer::write, "storing events")
                .chain(() -> deadLetterUnreadable(batch))
                .chain(() -> Uni.createFrom().completionStage(batch::ack));
    }

    /** Records the deserializer refused arrive with a null payload; their raw bytes go to the dead-letter topic. */
    private Uni<Void> deadLetterUnreadable(KafkaRecordBatch<String, Event<MessageData>> batch) {
        return Multi.createFrom().iterable(batch.getRecords())
                .select().where(record -> record.getPayload() == null)
                .onItem().transformToUniAndConcatenate(record -> EventBatches.deadLetter(record,
                        new PoisonEventException("not a readable message event (see the deserialization-failure headers)")))
                .collect().last()
                .replaceWithVoid();
    }
}
