package dev.switchboard.conversations.retention;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Deletes what is past retention in {@code message_events}, {@code outbox} and {@code processed_events}, batch by
 * batch, each batch its own statement. Safe with several replicas: batches lock with SKIP LOCKED, and a run cut short
 * (a restart, the per-run cap) leaves only rows the next run deletes. Counts go to the
 * {@code switchboard.retention.purged} counter (tag {@code table}).
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    private final Pool pool;
    private final RetentionConfig config;
    private final MeterRegistry registry;

    public RetentionJob(Pool pool, RetentionConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.config = config;
        this.registry = registry;
    }

    @Scheduled(every = "${switchboard.retention.every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> scheduled() {
        return purge().replaceWithVoid();
    }

    /** One run over every table; the rows deleted per table, in the order purged. */
    public Uni<Map<String, Long>> purge() {
        Map<String, Long> purged = new LinkedHashMap<>();
        return table("message_events", Purges.MESSAGE_EVENTS, config.messageEvents(), purged)
                .chain(() -> table("outbox", Purges.OUTBOX, config.outbox(), purged))
                .chain(() -> table("processed_events", Purges.PROCESSED_EVENTS, config.processedEvents(), purged))
                .invoke(() -> {
                    if (purged.values().stream().anyMatch(n -> n > 0)) {
                        LOG.infof("Retention purged %s", purged);
                    }
                })
                .replaceWith(purged);
    }

    private Uni<Void> table(String table, String sql, Duration retention, Map<String, Long> purged) {
        purged.put(table, 0L);
        return batches(table, sql, Tuple.of((double) retention.toSeconds(), config.batchSize()), purged, 0);
    }

    private Uni<Void> batches(String table, String sql, Tuple args, Map<String, Long> purged, int done) {
        return pool.preparedQuery(sql).execute(args).chain(rows -> {
            int deleted = rows.rowCount();
            if (deleted > 0) {
                purged.merge(table, (long) deleted, Long::sum);
                registry.counter("switchboard.retention.purged", "table", table).increment(deleted);
            }
            return deleted < config.batchSize() || done + 1 >= config.maxBatchesPerRun()
                    ? Uni.createFrom().voidItem()
                    : batches(table, sql, args, purged, done + 1);
        });
    }
}
