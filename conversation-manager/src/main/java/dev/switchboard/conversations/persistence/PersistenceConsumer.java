package dev.switchboard.conversations.persistence;

import dev.switchboard.database.DatabaseOutages;
import dev.switchboard.database.Poison;
import dev.switchboard.database.PoisonEventException;
import dev.switchboard.events.Event;
import dev.switchboard.events.MessageData;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumer group {@code persistence} on {@code twilio.message-events}: every poll is written in one transaction, and
 * the batch is acknowledged (its offsets committed, strategy {@code throttled}) only after that transaction committed.
 * A poison record must not hold up its partition nor take its neighbours down with it: the batch is then replayed one
 * record at a time and only the records that fail on their own are dead-lettered. Database outages are not poison:
 * they are retried until the database is back, so nothing is lost.
 */
@ApplicationScoped
public class PersistenceConsumer {

    public static final String CHANNEL = "message-events-persistence";

    private static final Logger LOG = Logger.getLogger(PersistenceConsumer.class);

    private final MessageEventWriter writer;

    public PersistenceConsumer(MessageEventWriter writer) {
        this.writer = writer;
    }

    @Incoming(CHANNEL)
    public Uni<Void> persist(KafkaRecordBatch<String, Event<MessageData>> batch) {
        List<KafkaRecord<String, Event<MessageData>>> readable = batch.getRecords().stream()
                .filter(record -> record.getPayload() != null)
                .toList();
        return DatabaseOutages.waitedOut(writer.write(readable.stream().map(KafkaRecord::getPayload).toList()), "storing events")
                .onFailure(Poison::is).recoverWithUni(() -> oneByOne(readable))
                .chain(() -> deadLetterUnreadable(batch))
                .chain(() -> Uni.createFrom().completionStage(batch::ack));
    }

    private Uni<Void> oneByOne(List<KafkaRecord<String, Event<MessageData>>> records) {
        return Multi.createFrom().iterable(records)
                .onItem().transformToUniAndConcatenate(record -> DatabaseOutages.waitedOut(writer.write(List.of(record.getPayload())), "storing an event")
                        .onFailure(Poison::is).recoverWithUni(failure -> deadLetter(record, failure)))
                .collect().last()
                .replaceWithVoid();
    }

    /** Records the deserializer refused arrive with a null payload; their raw bytes go to the dead-letter topic. */
    private Uni<Void> deadLetterUnreadable(KafkaRecordBatch<String, Event<MessageData>> batch) {
        return Multi.createFrom().iterable(batch.getRecords())
                .select().where(record -> record.getPayload() == null)
                .onItem().transformToUniAndConcatenate(record -> deadLetter(record,
                        new PoisonEventException("not a readable message event (see the deserialization-failure headers)")))
                .collect().last()
                .replaceWithVoid();
    }

    private static Uni<Void> deadLetter(KafkaRecord<String, Event<MessageData>> record, Throwable reason) {
        LOG.warnf("dead-lettering a record of %s-%d (key %s): %s", record.getTopic(), record.getPartition(), record.getKey(),
                reason.getMessage());
        return Uni.createFrom().completionStage(() -> record.nack(reason));
    }

}
