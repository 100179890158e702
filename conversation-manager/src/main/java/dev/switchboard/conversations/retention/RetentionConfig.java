package dev.switchboard.conversations.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long conversation-manager keeps the rows of its ever-growing tables (docs: conversation-manager/README.md). */
@ConfigMapping(prefix = "switchboard.retention")
public interface RetentionConfig {

    /**
     * Age of {@code message_events} rows that are deleted: conversation history and the realtime gateway's catch-up
     * reach back this far; an older cursor is unknown (history 400 unknown-cursor, the stream a {@code reset}).
     */
    @WithDefault("90d")
    Duration messageEvents();

    /** Age since publication of {@code outbox} rows that are deleted; unpublished rows are never deleted. */
    @WithDefault("7d")
    Duration outbox();

    /**
     * Age of {@code processed_events} rows that are deleted. It must exceed {@link #redeliveryWindow()}: a record
     * redelivered after its claim was purged would be processed a second time (a second reply, a second completion).
     */
    @WithDefault("35d")
    Duration processedEvents();

    /**
     * How long a consumed record can still come back: the longest retention of {@code twilio.message-events} and its
     * dead-letter topic (k8s/base/kafka-topics.yaml: 14 and 30 days). A shorter {@link #processedEvents()} is refused.
     */
    @WithDefault("30d")
    Duration redeliveryWindow();

    /** Rows deleted per statement: short transactions, short locks. */
    @WithDefault("500")
    int batchSize();

    /** Statements per table per run at most, so one run never holds the scheduler long; the next run goes on. */
    @WithDefault("200")
    int maxBatchesPerRun();

    /** How often the purge runs (read by {@code @Scheduled} as {@code switchboard.retention.every}). */
    @WithDefault("10m")
    String every();
}
