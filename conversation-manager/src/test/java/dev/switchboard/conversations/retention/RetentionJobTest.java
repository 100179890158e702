package dev.switchboard.conversations.retention;

import static dev.switchboard.conversations.testing.Messages.aMessage;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.conversations.testing.Database;
import dev.switchboard.conversations.testing.Messages;
import dev.switchboard.events.ConversationKey;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.MessageData;
import dev.switchboard.testing.TestKafka;
import dev.switchboard.testing.TestTokens;
import dev.switchboard.testing.Waits;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The purge of message_events, outbox and processed_events, table by table, on data stored through Kafka by the
 * service itself; rows are aged by moving their timestamps back, which is all that tells a purge what is old.
 */
@QuarkusTest
class RetentionJobTest {

    @Inject
    RetentionJob job;

    @Inject
    Database database;

    @Inject
    Pool pool;

    @Inject
    MeterRegistry registry;

    @Test
    void eventLogRowsPastRetentionAreDeletedAndTheirCursorsBecomeUnknown() {
        String conversation = Messages.sid("CH");
        List<Event<MessageData>> added = IntStream.range(0, 3)
                .mapToObj(i -> aMessage().inConversation(conversation, "author-" + i).event(EventTypes.MESSAGE_ADDED))
                .toList();
        added.forEach(TestKafka.broker()::publishMessageEvent);
        database.awaitMessage(added.get(2).data().messageSid());
        for (Event<MessageData> old : added.subList(0, 2)) {
            database.execute("UPDATE message_events SET stored_at = now() - interval '91 days' WHERE event_id = $1",
                    old.id());
        }
        double before = purged("message_events");

        Map<String, Long> purged = job.purge().await().atMost(Duration.ofSeconds(30));

        assertTrue(purged.get("message_events") >= 2 || purged("message_events") - before >= 2, "purged " + purged);
        assertEquals(List.of(added.get(2).id()), eventIds(ConversationKey.of(added.get(0).data())), "only the recent event stays in the log");
        for (Event<MessageData> event : added) {
            assertNotNull(database.message(event.data().messageSid()), "messages rows are not the log's to purge");
        }
        JsonPath history = given().auth().oauth2(TestTokens.serviceRole())
                .when().get("/conversations/{key}/messages", conversation)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(added.get(2).id()), history.getList("events.id"));
        given().auth().oauth2(TestTokens.serviceRole()).queryParam("after", added.get(0).id())
                .when().get("/conversations/{key}/messages", conversation)
                .then().statusCode(400).contentType("application/problem+json")
                .body("reason", equalTo("unknown-cursor"));
        assertTrue(purged("message_events") - before >= 2, "the counter counts what was deleted");
    }

    @Test
    void publishedOutboxRowsAndOldClaimsAreDeletedRecentOnesKept() {
        Messages old = aMessage().from(Messages.phoneNumber()).to("+15005550006").body("who is this?");
        Messages recent = aMessage().from(Messages.phoneNumber()).to("+15005550006").body("hello?");
        TestKafka.broker().publishMessageEvent(old.event(EventTypes.MESSAGE_ADDED));
        TestKafka.broker().publishMessageEvent(recent.event(EventTypes.MESSAGE_ADDED));
        long oldReply = awaitPublishedReplyTo(old);
        long recentReply = awaitPublishedReplyTo(recent);
        database.execute("UPDATE outbox SET published_at = now() - interval '8 days' WHERE id = $1", oldReply);
        database.execute("UPDATE processed_events SET processed_at = now() - interval '36 days' "
                + "WHERE consumer = 'task-completion' AND event_id = $1", old.messageSid());

        job.purge().await().atMost(Duration.ofSeconds(30));

        assertEquals(0, database.query("SELECT 1 FROM outbox WHERE id = $1", oldReply).size());
        assertEquals(1, database.query("SELECT 1 FROM outbox WHERE id = $1", recentReply).size());
        assertEquals(0, claims(old.messageSid()));
        assertEquals(1, claims(recent.messageSid()));
    }

    @Test
    void anUnpublishedOutboxRowIsKeptHoweverOld() {
        // In one transaction with the purge's statement, rolled back, so the relay never sees the row.
        SqlConnection connection = pool.getConnection().await().indefinitely();
        try {
            Transaction tx = connection.begin().await().indefinitely();
            long id = connection.preparedQuery("""
                            INSERT INTO outbox (topic, record_key, payload, created_at)
                            VALUES ('task-events', 'k', '{}'::jsonb, now() - interval '1 year') RETURNING id""")
                    .execute().await().indefinitely().iterator().next().getLong("id");
            connection.preparedQuery(Purges.OUTBOX).execute(Tuple.of(0.0, 500)).await().indefinitely();
            int left = connection.preparedQuery("SELECT 1 FROM outbox WHERE id = $1").execute(Tuple.of(id))
                    .await().indefinitely().rowCount();
            tx.rollback().await().indefinitely();
            assertEquals(1, left);
        } finally {
            connection.close().await().indefinitely();
        }
    }

    @Test
    void eachBatchFindsItsRowsThroughAnIndex() {
        assertTrue(plan(Purges.MESSAGE_EVENTS).contains("message_events_stored_at"), plan(Purges.MESSAGE_EVENTS));
        assertTrue(plan(Purges.OUTBOX).contains("outbox_published_at"), plan(Purges.OUTBOX));
        assertTrue(plan(Purges.PROCESSED_EVENTS).contains("processed_events_processed_at"), plan(Purges.PROCESSED_EVENTS));
    }

    private long awaitPublishedReplyTo(Messages message) {
        return Waits.waitFor("published reply to " + message.messageSid())
                .until(() -> database.query(
                        "SELECT id, published_at FROM outbox WHERE payload::text LIKE '%' || $1 || '%'", message.messageSid()),
                        rows -> rows.size() == 1 && rows.get(0).getValue("published_at") != null).get(0).getLong("id");
    }

    private long claims(String messageSid) {
        return database.query("SELECT 1 FROM processed_events WHERE consumer = 'task-completion' AND event_id = $1",
                messageSid).size();
    }

    private List<String> eventIds(String conversationKey) {
        return database.query("SELECT event_id FROM message_events WHERE conversation_key = $1 ORDER BY seq",
                        conversationKey).stream().map((JsonObject row) -> row.getString("event_id")).toList();
    }

    private double purged(String table) {
        Counter counter = registry.find("switchboard.retention.purged").tag("table", table).counter();
        return counter == null ? 0 : counter.count();
    }

    private String plan(String sql) {
        return pool.withTransaction(tx -> tx.query("SET LOCAL enable_seqscan = off").execute()
                        .chain(() -> tx.preparedQuery("EXPLAIN " + sql).execute(Tuple.of(86400.0, 500))))
                .map(rows -> {
                    StringBuilder text = new StringBuilder();
                    rows.forEach(row -> text.append(row.getString(0)).append('\n'));
                    return text.toString();
                })
                .await().atMost(Duration.ofSeconds(10));
    }
}
