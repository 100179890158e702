package dev.switchboard.conversations.retention;

import dev.switchboard.database.RetentionPurge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Deletes what is past retention in {@code message_events}, {@code outbox} and {@code processed_events}, table by
 * table, batch by batch ({@link RetentionPurge}). Safe with several replicas: batches lock with SKIP LOCKED, and a run
 * cut short (a restart, the per-run cap) leaves only rows the next run deletes.
 */
@ApplicationScoped
public class RetentionJob {

    private final RetentionConfig config;
    private final RetentionPurge purger;

    public RetentionJob(Pool pool, RetentionConfig config, MeterRegistry registry) {
        this.config = config;
        this.purger = new RetentionPurge(pool, registry);
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
                .replaceWith(purged);
    }

    private Uni<Void> table(String table, String sql, Duration retention, Map<String, Long> purged) {
        return purger.purge(table, sql, retention, config.batchSize(), config.maxBatchesPerRun())
                .invoke(deleted -> purged.put(table, deleted))
                .replaceWithVoid();
    }
}
