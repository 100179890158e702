package dev.switchboard.database;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Deletes a table's rows past retention batch by batch, each batch its own statement (short transactions, short
 * locks), until a batch comes back short or the per-run cap is reached; the next run goes on. What each batch deleted
 * goes to the {@code switchboard.retention.purged} counter (tag {@code table}) at once, so a run cut short still
 * counts what it did.
 */
public final class RetentionPurge {

    private static final Logger LOG = Logger.getLogger(RetentionPurge.class);

    private final Pool pool;
    private final MeterRegistry registry;

    public RetentionPurge(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        this.registry = registry;
    }

    /**
     * One run over one table; the rows deleted.
     *
     * @param sql a DELETE of at most {@code $2} rows older than {@code $1} seconds, locking them with SKIP LOCKED so
     *            replicas purging at once take different rows
     */
    public Uni<Long> purge(String table, String sql, Duration retention, int batchSize, int maxBatches) {
        Tuple args = Tuple.of((double) retention.toSeconds(), batchSize);
        return batches(table, sql, args, batchSize, maxBatches, 0L).invoke(purged -> {
            if (purged > 0) {
                LOG.infof("Retention purged %d %s rows", purged, table);
            }
        });
    }

    private Uni<Long> batches(String table, String sql, Tuple args, int batchSize, int batchesLeft, long purged) {
        return pool.preparedQuery(sql).execute(args).chain(rows -> {
            int deleted = rows.rowCount();
            if (deleted > 0) {
                registry.counter("switchboard.retention.purged", "table", table).increment(deleted);
            }
            long total = purged + deleted;
            return deleted < batchSize || batchesLeft <= 1
                    ? Uni.createFrom().item(total)
                    : batches(table, sql, args, batchSize, batchesLeft - 1, total);
        });
    }
}
