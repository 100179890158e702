package dev.switchboard.sender.outbound;

import dev.switchboard.database.RetentionPurge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Deletes settled outbound log rows past retention, batch by batch ({@link RetentionPurge}). Only final states:
 * {@code requested} and {@code sending} are in flight, {@code ambiguous} waits for a person to find out what Twilio
 * did; and a sent row whose {@code message.added} was not announced yet stays for {@link Announcements}' relay.
 * Batches lock with SKIP LOCKED, so replicas purging at once take different rows. Counts go to
 * {@code switchboard.retention.purged} (tag {@code table=outbound_messages}).
 */
@ApplicationScoped
public class OutboundPurge {

    /** Found through outbound_messages_state (state, updated_at); $1 retention in seconds, $2 batch size. */
    static final String BATCH = """
            DELETE FROM outbound_messages WHERE id IN (
                SELECT id FROM outbound_messages
                WHERE state IN ('sent', 'failed') AND updated_at < now() - make_interval(secs => $1)
                  AND (added_event_id IS NULL OR announced_at IS NOT NULL)
                LIMIT $2 FOR UPDATE SKIP LOCKED)""";

    private final OutboundRetention config;
    private final RetentionPurge purger;

    public OutboundPurge(Pool pool, OutboundRetention config, MeterRegistry registry) {
        this.config = config;
        this.purger = new RetentionPurge(pool, registry);
    }

    @Scheduled(every = "${switchboard.outbound-log.purge-every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> scheduled() {
        return purge().replaceWithVoid();
    }

    /** One run; the rows deleted. */
    public Uni<Long> purge() {
        return purger.purge("outbound_messages", BATCH, config.retention(), config.batchSize(),
                config.maxBatchesPerRun());
    }
}
