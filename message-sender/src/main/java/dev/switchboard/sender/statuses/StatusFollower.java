package dev.switchboard.sender.statuses;

import dev.switchboard.database.DatabaseOutages;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.MessageData;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The outbound log follows Twilio's status callbacks: consumer group {@code message-sender-status} on
 * {@code twilio.message-events} moves {@code outbound_messages.twilio_status} (and the error code) of the row with the
 * callback's MessageSid forward by the same ranking conversation-manager applies to {@code messages}
 * ({@code message_status_rank}: queued &lt; sent &lt; delivered &lt; read &lt; failed/undelivered), never backward, so
 * callbacks may arrive in any order and any number of times. The row's {@code state} stays {@code sent}: it says
 * what became of the request to Twilio; {@code twilio_status} says what became of the message. Neither does
 * {@code updated_at}, the time the request last changed state (retention and the announcement relay count from it):
 * the update then touches no indexed column, so PostgreSQL writes no index entry for it when the row's page has room.
 * <p>
 * A poll at a time: its statuses are one statement and one commit, whatever their number (two callbacks a send, one
 * commit each, were more commits than the sends' own). Of several statuses of one message in a poll the highest
 * ranked applies, as it would have applied last.
 * <p>
 * A callback can overtake the commit of the row's SID (Twilio answers, calls back at once): a recent callback for a
 * SID no row has yet is retried for a few seconds before it is taken for another sender's.
 */
@ApplicationScoped
public class StatusFollower {

    public static final String CHANNEL = "outbound-statuses";

    static final Duration SID_WAIT = Duration.ofSeconds(5);
    private static final Duration RETRY_EVERY = Duration.ofMillis(250);

    /** $1–$4 are parallel arrays: SID, status, error code, error message. Returns the SIDs the log has. */
    private static final String FOLLOW = """
            WITH status AS (
                SELECT DISTINCT ON (sid) sid, status, error_code, error_message
                FROM unnest($1::text[], $2::text[], $3::int[], $4::text[]) AS s (sid, status, error_code, error_message)
                ORDER BY sid, message_status_rank(status) DESC),
            followed AS (
                UPDATE outbound_messages o SET twilio_status = s.status,
                    error_code = COALESCE(s.error_code, o.error_code),
                    error_message = COALESCE(s.error_message, o.error_message)
                FROM status s
                WHERE o.twilio_sid = s.sid AND message_status_rank(s.status) > message_status_rank(o.twilio_status))
            SELECT twilio_sid FROM outbound_messages WHERE twilio_sid = ANY($1)""";

    private final Pool pool;

    public StatusFollower(Pool pool) {
        this.pool = pool;
    }

    @Incoming(CHANNEL)
    public Uni<Void> follow(KafkaRecordBatch<String, Event<MessageData>> batch) {
        List<Pending> statuses = batch.getPayload().stream().filter(StatusFollower::isStatus)
                .map(event -> new Pending(event.data(),
                        (event.time() != null ? event.time() : Instant.now()).plus(SID_WAIT)))
                .toList();
        return DatabaseOutages.waitedOut(apply(statuses), "following " + statuses.size() + " statuses")
                .chain(() -> Uni.createFrom().completionStage(batch::ack));
    }

    /** A status to apply, and until when it is retried while the log has no row with its SID. */
    private record Pending(MessageData status, Instant giveUpAt) {
    }

    private static boolean isStatus(Event<MessageData> event) {
        return event != null && EventTypes.MESSAGE_STATUS.equals(event.type()) && event.data() != null
                && event.data().messageSid() != null && event.data().status() != null;
    }

    /** Applies the statuses; those of SIDs the log does not have yet are tried again until their give-up time. */
    private Uni<Void> apply(List<Pending> statuses) {
        if (statuses.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Tuple columns = Tuple.of(
                statuses.stream().map(pending -> pending.status().messageSid()).toArray(String[]::new),
                statuses.stream().map(pending -> pending.status().status()).toArray(String[]::new),
                statuses.stream().map(pending -> pending.status().errorCode()).toArray(Integer[]::new),
                statuses.stream().map(pending -> pending.status().errorMessage()).toArray(String[]::new));
        return pool.preparedQuery(FOLLOW).execute(columns).chain(rows -> {
            Set<String> known = new HashSet<>();
            for (Row row : rows) {
                known.add(row.getString("twilio_sid"));
            }
            Instant now = Instant.now();
            List<Pending> retried = statuses.stream()
                    .filter(pending -> !known.contains(pending.status().messageSid()) && now.isBefore(pending.giveUpAt()))
                    .toList();
            return retried.isEmpty() ? Uni.createFrom().voidItem()
                    : Uni.createFrom().voidItem().onItem().delayIt().by(RETRY_EVERY).chain(() -> apply(retried));
        });
    }
}
