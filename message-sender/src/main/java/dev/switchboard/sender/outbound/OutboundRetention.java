package dev.switchboard.sender.outbound;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long the outbound log keeps settled rows (docs: message-sender/README.md "Retention"). */
@ConfigMapping(prefix = "switchboard.outbound-log")
public interface OutboundRetention {

    /**
     * Age (since the last change) of {@code sent} and {@code failed} rows that are deleted. It is also the
     * Idempotency-Key window: a key whose row was deleted is new again, and {@code GET /outbound/{id}} is 404.
     */
    @WithDefault("30d")
    Duration retention();

    /** Rows deleted per statement. */
    @WithDefault("500")
    int batchSize();

    /** Statements per run at most; the next run goes on. */
    @WithDefault("200")
    int maxBatchesPerRun();

    /** How often the purge runs (read by {@code @Scheduled} as {@code switchboard.outbound-log.purge-every}). */
    @WithDefault("10m")
    String purgeEvery();
}
