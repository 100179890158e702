package dev.switchboard.conversations.reconciliation;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * The scheduled pass: every {@code switchboard.reconciliation.every} over the last {@code window}, leaving out the
 * last {@code settle} (webhooks still on their way). With several replicas one of them reconciles (the lease); the
 * others skip their turn. A failed pass is logged; the next one reads the window again.
 */
@ApplicationScoped
public class ReconciliationJob {

    private static final Logger LOG = Logger.getLogger(ReconciliationJob.class);

    private final Reconciler reconciler;
    private final ReconciliationConfig config;

    public ReconciliationJob(Reconciler reconciler, ReconciliationConfig config) {
        this.reconciler = reconciler;
        this.config = config;
    }

    @Scheduled(identity = "reconciliation", every = "${switchboard.reconciliation.every}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void scheduled() {
        Instant now = Instant.now();
        try {
            reconciler.pass(now.minus(config.window()), now.minus(config.settle()));
        } catch (Reconciler.LeaseHeld e) {
            LOG.debugf("reconciliation skipped: %s", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warnf(e, "reconciliation pass failed; the next one reads the window again");
        }
    }
}
