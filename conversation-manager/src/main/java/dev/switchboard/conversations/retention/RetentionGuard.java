package dev.switchboard.conversations.retention;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses to start with a {@code processed_events} or {@code message_events} retention that does not outlive
 * redelivery: a claim (or log row) purged while its Kafka record can still come back would let that record be
 * processed twice.
 */
@ApplicationScoped
public class RetentionGuard {

    void check(@Observes StartupEvent start, RetentionConfig config) {
        validate(config);
    }

    static void validate(RetentionConfig config) {
        if (config.processedEvents().compareTo(config.redeliveryWindow()) <= 0) {
            throw new IllegalStateException("switchboard.retention.processed-events (" + config.processedEvents()
                    + ") must be longer than switchboard.retention.redelivery-window (" + config.redeliveryWindow()
                    + "), the longest a Kafka record can be redelivered: else a redelivery is processed twice");
        }
        // The log is also the persistence consumer's record of what it appended (MessageEventWriter): a redelivered
        // event whose row is gone would be appended, and streamed, again.
        if (config.messageEvents().compareTo(config.redeliveryWindow()) <= 0) {
            throw new IllegalStateException("switchboard.retention.message-events (" + config.messageEvents()
                    + ") must be longer than switchboard.retention.redelivery-window (" + config.redeliveryWindow()
                    + "): else a redelivered event is appended to the log a second time");
        }
        if (config.batchSize() < 1 || config.maxBatchesPerRun() < 1) {
            throw new IllegalStateException("switchboard.retention.batch-size and max-batches-per-run must be >= 1");
        }
    }
}
