package dev.switchboard.conversations.persistence;

import static dev.switchboard.conversations.testing.Messages.aMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.conversations.testing.Database;
import dev.switchboard.conversations.testing.Messages;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.MessageData;
import dev.switchboard.testing.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code message_events.seq} is commit order, whatever the number of persistence replicas: readers page "after seq
 * N", so a row with a lower seq that commits after a higher one would be passed over for good.
 */
@QuarkusTest
class LogOrderTest {


    @Inject
    Database database;

    @Inject
    Pool pool;

    @Inject
    MessageEventWriter writer;

    @Test
    void aBatchIsLoggedInItsOwnOrderNotInTheOrderOfItsIds() {
        List<Event<MessageData>> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(aMessage().event(EventTypes.MESSAGE_ADDED));
        }
        // Event ids are time-ordered (UUIDv7); shuffled, the batch's order is not theirs.
        Collections.shuffle(batch);
        writer.write(batch).await().indefinitely();

        List<String> ids = batch.stream().map(Event::id).toList();
        assertEquals(ids, database.query("SELECT event_id FROM message_events WHERE event_id = ANY($1) ORDER BY seq",
                (Object) ids.toArray(String[]::new)).stream().map(entry -> entry.getString("event_id")).toList());
    }

    @Test
    void anAppendWaitsForAnEarlierAppendStillInFlightAndGetsTheHigherSeq() throws InterruptedException {
        SqlConnection otherReplica = pool.getConnection().await().indefinitely();
        try {
            Transaction inFlight = otherReplica.begin().await().indefinitely();
            otherReplica.query(EventLog.IN_COMMIT_ORDER).execute().await().indefinitely();
            long earlierSeq = otherReplica.preparedQuery("""
                            INSERT INTO message_events (event_id, type, conversation_key, payload)
                            VALUES ($1, 'message.added', 'CH-log-order', '{}'::jsonb) RETURNING seq""")
                    .execute(Tuple.of(UUID.randomUUID().toString())).await().indefinitely()
                    .iterator().next().getLong("seq");

            Messages message = aMessage();
            TestKafka.broker().publishMessageEvent(message.event(EventTypes.MESSAGE_ADDED));
            Thread.sleep(3_000); // ample for the consumer to store it, were it not waiting
            assertEquals(0, database.query("SELECT seq FROM message_events WHERE message_sid = $1",
                    message.messageSid()).size(), "the append waits while an earlier one is in flight");

            inFlight.commit().await().indefinitely();
            database.awaitMessage(message.messageSid());
            long seq = database.query("SELECT seq FROM message_events WHERE message_sid = $1", message.messageSid())
                    .get(0).getLong("seq");
            assertTrue(seq > earlierSeq, "seq " + seq + " follows the earlier append's " + earlierSeq);
        } finally {
            otherReplica.close().await().indefinitely();
        }
    }
}
