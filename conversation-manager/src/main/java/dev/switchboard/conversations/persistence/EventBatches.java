package dev.switchboard.conversations.persistence;

import dev.switchboard.database.DatabaseOutages;
import dev.switchboard.database.Poison;
import dev.switchboard.events.Event;
import dev.switchboard.events.MessageData;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import java.util.List;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * A poll of message events handled as one unit of work — one transaction, so one commit for the whole poll — by the
 * consumers that batch ({@link PersistenceConsumer}, task completion). A poison record must not hold up its
 * partition nor take its neighbours down with it: the poll is then handled again one record at a time, and only the
 * records that fail on their own are dead-lettered. Database outages are not poison: they are waited out
 * ({@link DatabaseOutages}), so nothing is lost. Acknowledging the poll is the caller's, once this completed.
 */
public final class EventBatches {

    private static final Logger LOG = Logger.getLogger(EventBatches.class);

    private EventBatches() {
    }

    /** Hands the records' events to {@code work} together; on poison, one by one. {@code what} names it in logs. */
    public static Uni<Void> handle(List<KafkaRecord<String, Event<MessageData>>> records,
            Function<List<Event<MessageData>>, Uni<Void>> work, String what) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return DatabaseOutages.waitedOut(Uni.createFrom().deferred(
                        () -> work.apply(records.stream().map(KafkaRecord::getPayload).toList())), what)
                .onFailure(Poison::is).recoverWithUni(() -> oneByOne(records, work, what));
    }

    private static Uni<Void> oneByOne(List<KafkaRecord<String, Event<MessageData>>> records,
            Function<List<Event<MessageData>>, Uni<Void>> work, String what) {
        return Multi.createFrom().iterable(records)
                .onItem().transformToUniAndConcatenate(record -> DatabaseOutages.waitedOut(Uni.createFrom().deferred(
                                () -> work.apply(List.of(record.getPayload()))), what)
                        .onFailure(Poison::is).recoverWithUni(failure -> deadLetter(record, failure)))
                .collect().last()
                .replaceWithVoid();
    }

    /** Sends the record to the channel's dead-letter topic, with the reason in its headers. */
    public static Uni<Void> deadLetter(KafkaRecord<String, ?> record, Throwable reason) {
        LOG.warnf("dead-lettering a record of %s-%d (key %s): %s", record.getTopic(), record.getPartition(), record.getKey(),
                reason.getMessage());
        return Uni.createFrom().completionStage(() -> record.nack(reason));
    }
}
