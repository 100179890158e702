package dev.switchboard.sender.outbound;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.sender.testing.SendRequests;
import dev.switchboard.testing.StandIn;
import dev.switchboard.testing.SchemaOwner;
import dev.switchboard.testing.TestTokens;
import dev.switchboard.testing.Waits;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The outbound log's retention: which rows the purge deletes, which it keeps, and what that does to the API. */
@QuarkusTest
class OutboundPurgeTest {

    private static final String AGED = "UPDATE outbound_messages SET updated_at = now() - interval '31 days' WHERE id = $1";

    @Inject
    OutboundPurge purge;

    @Inject
    MeterRegistry registry;

    private final Pool owner = SchemaOwner.pool();

    @Test
    void settledRowsPastRetentionAreDeletedAndTheirKeyIsNewAgain() {
        SendRequests oldSent = SendRequests.sms();
        UUID oldSentId = id(oldSent.accepted().body("state", is("sent")));
        SendRequests oldFailed = SendRequests.sms();
        StandIn.scriptMessages(400, Map.of(), StandIn.twilioError(400, 21211, "The 'To' number is not a valid phone number."),
                1, 0);
        UUID oldFailedId = id(oldFailed.accepted().body("state", is("failed")));
        SendRequests oldAmbiguous = SendRequests.sms();
        StandIn.scriptMessages(500, Map.of(), null, 1, 0);
        UUID oldAmbiguousId = id(oldAmbiguous.accepted().body("state", is("ambiguous")));
        SendRequests recentSent = SendRequests.sms();
        UUID recentSentId = id(recentSent.accepted().body("state", is("sent")));
        awaitAnnounced(oldSentId);
        awaitAnnounced(recentSentId);
        for (UUID aged : List.of(oldSentId, oldFailedId, oldAmbiguousId)) {
            sql(AGED, aged);
        }
        double before = purgedCounter();

        purge.purge().await().atMost(Duration.ofSeconds(30));

        assertEquals(List.of(oldAmbiguousId, recentSentId), existing(oldSentId, oldFailedId, oldAmbiguousId, recentSentId),
                "old sent and failed rows go; an ambiguous row and a recent one stay");
        // At least these two (a scheduled run of another replica's kind may have counted some of them meanwhile).
        assertTrue(purgedCounter() - before >= 2, "counted " + (purgedCounter() - before));
        given().auth().oauth2(TestTokens.serviceRole()).get("/outbound/{id}", oldSentId)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.serviceRole()).get("/outbound/{id}", recentSentId)
                .then().statusCode(200).body("state", equalTo("sent"));
        // Past the window the key is new: the same request is sent again (what docs/api.md says of Idempotency-Key).
        oldSent.accepted().header("Idempotent-Replayed", "false");
        assertEquals(2, StandIn.messagesTo(oldSent.to()).size());
        recentSent.accepted().header("Idempotent-Replayed", "true");
        assertEquals(1, StandIn.messagesTo(recentSent.to()).size());
    }

    @Test
    void aSentRowNotYetAnnouncedIsKeptForTheRelay() {
        UUID sent = id(SendRequests.sms().accepted().body("state", is("sent")));
        awaitAnnounced(sent);
        // As a Kafka outage leaves it: settled, its message.added not acknowledged. Done in one transaction with the
        // purge's own statement, so the relay cannot stamp it in between.
        SqlConnection connection = owner.getConnection().await().indefinitely();
        try {
            connection.begin().chain(tx -> connection.preparedQuery(
                            "UPDATE outbound_messages SET announced_at = NULL, updated_at = now() - interval '31 days' WHERE id = $1")
                    .execute(Tuple.of(sent))
                    .chain(() -> connection.preparedQuery(OutboundPurge.BATCH).execute(Tuple.of(30 * 86400.0, 500)))
                    .chain(() -> connection.preparedQuery("SELECT 1 FROM outbound_messages WHERE id = $1").execute(Tuple.of(sent)))
                    .invoke(rows -> assertEquals(1, rows.rowCount(), "kept while unannounced"))
                    .chain(tx::rollback))
                    .await().atMost(Duration.ofSeconds(10));
        } finally {
            connection.close().await().indefinitely();
        }
    }

    @Test
    void eachBatchFindsItsRowsThroughAnIndex() {
        String plan = owner.withTransaction(tx -> tx.query("SET LOCAL enable_seqscan = off").execute()
                        .chain(() -> tx.preparedQuery("EXPLAIN " + OutboundPurge.BATCH).execute(Tuple.of(86400.0, 500))))
                .map(rows -> {
                    StringBuilder text = new StringBuilder();
                    rows.forEach(row -> text.append(row.getString(0)).append('\n'));
                    return text.toString();
                })
                .await().atMost(Duration.ofSeconds(10));
        assertTrue(plan.contains("outbound_messages_state"), plan);
    }

    private static UUID id(io.restassured.response.ValidatableResponse response) {
        return UUID.fromString(response.extract().path("id"));
    }

    private void awaitAnnounced(UUID id) {
        Waits.waitFor("announced " + id, Duration.ofSeconds(20), Duration.ofMillis(100))
                .until(() -> rows("SELECT announced_at FROM outbound_messages WHERE id = $1", id),
                        rows -> !rows.isEmpty() && rows.get(0).getValue("announced_at") != null);
    }

    private List<UUID> existing(UUID... ids) {
        List<UUID> found = new ArrayList<>();
        for (UUID id : ids) {
            if (!rows("SELECT id FROM outbound_messages WHERE id = $1", id).isEmpty()) {
                found.add(id);
            }
        }
        return found;
    }

    private double purgedCounter() {
        var counter = registry.find("switchboard.retention.purged").tag("table", "outbound_messages").counter();
        return counter == null ? 0 : counter.count();
    }

    private void sql(String sql, Object... params) {
        owner.preparedQuery(sql).execute(Tuple.from(List.of(params))).await().atMost(Duration.ofSeconds(10));
    }

    private List<Row> rows(String sql, Object... params) {
        List<Row> rows = new ArrayList<>();
        owner.preparedQuery(sql).execute(Tuple.from(List.of(params))).await().atMost(Duration.ofSeconds(10))
                .forEach(rows::add);
        return rows;
    }
}
