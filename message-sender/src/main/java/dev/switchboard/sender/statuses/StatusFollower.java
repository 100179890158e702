package dev.switchboard.sender.statuses;

import dev.switchboard.database.DatabaseOutages;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.MessageData;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The outbound log follows Twilio's status callbacks: consumer group {@code message-sender-status} on
 * {@code twilio.message-events} moves {@code outbound_messages.twilio_status} (and the error code) of the row with the
 * callback's MessageSid forward by the same ranking conversation-manager applies to {@code messages}
 * ({@code message_status_rank}: queued &lt; sent &lt; delivered &lt; read &lt; failed/undelivered), never backward, so
 * callbacks may arrive in any order and any number of times. The row's {@code state} stays {@code sent}: it says
 * what became of the request to Twilio; {@code twilio_status} says what became of the message.
 * <p>
 * A callback can overtake the commit of the row's SID (Twilio answers, calls back at once): a recent callback for a
 * SID no row has yet is retried for a few seconds before it is taken for another sender's.
 */
@ApplicationScoped
public class StatusFollower {

    public static final String CHANNEL = "outbound-statuses";

    static final Duration SID_WAIT = Duration.ofSeconds(5);
    private static final Duration RETRY_EVERY = Duration.ofMillis(250);

    private static final String FOLLOW = """
            UPDATE outbound_messages SET twilio_status = $2, error_code = COALESCE($3, error_code),
                error_message = COALESCE($4, error_message), updated_at = now()
            WHERE twilio_sid = $1 AND message_status_rank($2) > message_status_rank(twilio_status)""";
    private static final String KNOWN = "SELECT 1 FROM outbound_messages WHERE twilio_sid = $1";

    private final Pool pool;

    public StatusFollower(Pool pool) {
        this.pool = pool;
    }

    @Incoming(CHANNEL)
    public Uni<Void> follow(Event<MessageData> event) {
        if (event == null || !EventTypes.MESSAGE_STATUS.equals(event.type()) || event.data() == null
                || event.data().messageSid() == null || event.data().status() == null) {
            return Uni.createFrom().voidItem();
        }
        MessageData status = event.data();
        Instant giveUpAt = (event.time() != null ? event.time() : Instant.now()).plus(SID_WAIT);
        return DatabaseOutages.waitedOut(apply(status, giveUpAt), "following status " + status.messageSid());
    }

    private Uni<Void> apply(MessageData status, Instant giveUpAt) {
        return pool.preparedQuery(FOLLOW)
                .execute(Tuple.of(status.messageSid(), status.status(), status.errorCode(), status.errorMessage()))
                .chain(updated -> updated.rowCount() > 0 ? Uni.createFrom().item(true)
                        : pool.preparedQuery(KNOWN).execute(Tuple.of(status.messageSid())).map(rows -> rows.size() > 0))
                .chain(known -> known || Instant.now().isAfter(giveUpAt)
                        ? Uni.createFrom().voidItem()
                        : Uni.createFrom().voidItem().onItem().delayIt().by(RETRY_EVERY)
                                .chain(() -> apply(status, giveUpAt)));
    }
}
