package dev.switchboard.conversations.completion;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes outbox rows to their topics, oldest first, and stamps them once Kafka acknowledged. Called right after a
 * completion commits (so replies leave within milliseconds) and on a schedule (so rows left by a crash leave too).
 * Rows are claimed with {@code SKIP LOCKED}: concurrent relays, in this replica or another, never take the same row.
 */
@ApplicationScoped
public class OutboxRelay {

    public static final String CHANNEL = "outbox";
    private static final int BATCH = 100;
    private static final String CLAIM = """
            SELECT id, topic, record_key, payload::text AS payload FROM outbox
            WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED""";

    private final Pool pool;
    private final MutinyEmitter<byte[]> emitter;

    public OutboxRelay(Pool pool, @Channel(CHANNEL) MutinyEmitter<byte[]> emitter) {
        this.pool = pool;
        this.emitter = emitter;
    }

    /**
     * Not before the application runs, nor after it stopped: the first sweep came before the {@code outbox} channel was
     * connected at start-up (an ERROR at every start), and sweeps during shutdown found the pool closed.
     */
    @Scheduled(every = "${switchboard.tasks.outbox-poll}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduledFlush() {
        return flush();
    }

    /**
     * Publishes what is pending now, {@value #BATCH} rows at a time until fewer are left; completes when those records
     * are on Kafka and stamped.
     */
    public Uni<Void> flush() {
        return Multi.createBy().repeating().uni(this::flushBatch).whilst(published -> published == BATCH)
                .collect().last()
                .replaceWithVoid();
    }

    /** Publishes and stamps up to {@value #BATCH} pending rows; the item is how many. */
    private Uni<Integer> flushBatch() {
        return pool.withTransaction(tx -> tx.preparedQuery(CLAIM)
                .execute(Tuple.of(BATCH))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).toList())
                .call(rows -> publish(rows))
                .call(rows -> stamp(tx, rows)))
                .map(List::size);
    }

    /**
     * Sends all rows before awaiting their acks, so a flush costs one round trip to the brokers, not one per row. The
     * emitter hands them to the producer in the order they were sent, and the idempotent producer keeps that order
     * per partition: a user's events stay in the order they were committed.
     */
    private Uni<Void> publish(List<Row> rows) {
        return Multi.createFrom().iterable(rows)
                .onItem().transformToUni(row -> emitter.sendMessage(Message.of(
                                row.getString("payload").getBytes(StandardCharsets.UTF_8))
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                                .withTopic(row.getString("topic"))
                                .withKey(row.getString("record_key"))
                                .build())))
                .merge(BATCH)
                .collect().last()
                .replaceWithVoid();
    }

    private static Uni<Void> stamp(SqlConnection tx, List<Row> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Long[] ids = rows.stream().map(row -> row.getLong("id")).toArray(Long[]::new);
        return tx.preparedQuery("UPDATE outbox SET published_at = now() WHERE id = ANY($1)")
                .execute(Tuple.of(ids))
                .replaceWithVoid();
    }
}
