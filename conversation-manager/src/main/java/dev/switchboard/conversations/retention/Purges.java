package dev.switchboard.conversations.retention;

/**
 * One batch delete per table: the oldest rows past retention, found through the index on the time they age by (V36),
 * locked with SKIP LOCKED so replicas purging at once take different rows instead of waiting on each other.
 * $1 is the retention in seconds, $2 the batch size.
 */
final class Purges {

    static final String MESSAGE_EVENTS = """
            DELETE FROM message_events WHERE seq IN (
                SELECT seq FROM message_events WHERE stored_at < now() - make_interval(secs => $1)
                ORDER BY stored_at LIMIT $2 FOR UPDATE SKIP LOCKED)""";

    /** Published rows only: an unpublished row is a record still owed to Kafka. */
    static final String OUTBOX = """
            DELETE FROM outbox WHERE id IN (
                SELECT id FROM outbox WHERE published_at < now() - make_interval(secs => $1)
                ORDER BY published_at LIMIT $2 FOR UPDATE SKIP LOCKED)""";

    static final String PROCESSED_EVENTS = """
            DELETE FROM processed_events WHERE (consumer, event_id) IN (
                SELECT consumer, event_id FROM processed_events WHERE processed_at < now() - make_interval(secs => $1)
                ORDER BY processed_at LIMIT $2 FOR UPDATE SKIP LOCKED)""";

    private Purges() {
    }
}
