package dev.switchboard.sender.outbound;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Deletes settled outbound log rows past retention, batch by batch. Only final states: {@code requested} and
 * {@code sending} are in flight, {@code ambiguous} waits for a person to find out what Twilio did; and a sent row whose
 * {@code message.added} was not announced yet stays for {@link Announcements}' relay. Batches lock with SKIP LOCKED,
 * so replicas purging at once take different rows. Counts go to {@code switchboard.retention.purged}
 * (tag {@code table=outbound_messages}).
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

    private static final Logger LOG = Logger.getLogger(OutboundPurge.class);

    private final Pool pool;
    private final OutboundRetention config;
    private final MeterRegistry registry;

    public OutboundPurge(Pool pool, OutboundRetention config, MeterRegistry registry) {
        this.pool = pool;
        this.config = config;
        this.registry = registry;
    }

    @Scheduled(every = "${switchboard.outbound-log.purge-every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> scheduled() {
        return purge().replaceWithVoid();
    }

    /** One run; the rows deleted. */
    public Uni<Long> purge() {
        Tuple args = Tuple.of((double) config.retention().toSeconds(), config.batchSize());
        return batches(args, 0, 0L).invoke(purged -> {
            if (purged > 0) {
                LOG.infof("Retention purged %d outbound_messages rows", purged);
            }
        });
    }

    private Uni<Long> batches(Tuple args, int done, long purged) {
        return pool.preparedQuery(BATCH).execute(args).chain(rows -> {
            int deleted = rows.rowCount();
            if (deleted > 0) {
                registry.counter("switchboard.retention.purged", "table", "outbound_messages").increment(deleted);
            }
            long total = purged + deleted;
            return deleted < config.batchSize() || done + 1 >= config.maxBatchesPerRun()
                    ? Uni.createFrom().item(total)
                    : batches(args, done + 1, total);
        });
    }
}
