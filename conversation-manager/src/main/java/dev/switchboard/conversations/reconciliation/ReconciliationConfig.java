package dev.switchboard.conversations.reconciliation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How conversation-manager reconciles with Twilio's own lists (conversation-manager/README.md, "Reconciliation"). */
@ConfigMapping(prefix = "switchboard.reconciliation")
public interface ReconciliationConfig {

    /**
     * How often a scheduled pass runs, {@code off} for none (read by {@code @Scheduled} as
     * {@code switchboard.reconciliation.every}); a pass by hand ({@code POST /reconciliations}) runs either way.
     */
    @WithDefault("5m")
    String every();

    /** How far back a scheduled pass looks: longer than Twilio keeps retrying a webhook, and than an outage lasts. */
    @WithDefault("2h")
    Duration window();

    /**
     * How old a resource must be before a pass takes it as missed: its webhook may still be on the way (Twilio answers
     * within seconds; a retried webhook later). Younger ones wait for the next pass.
     */
    @WithDefault("30s")
    Duration settle();

    /** Records per page of every Twilio list read (Twilio allows 1 to 1,000). */
    @WithDefault("200")
    int pageSize();

    /**
     * How long a pass holds the lease before it must renew it (it renews between pages): a replica that dies
     * mid-pass blocks the others this long at most.
     */
    @WithDefault("2m")
    Duration leaseTtl();
}
