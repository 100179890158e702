package dev.switchboard.sender.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The send path's statements stay prepared on their connection, as the service's pool is configured: a statement the
 * SQL client does not cache (caching off, or its text past the client's limit) is parsed and planned again on every
 * send, which was most of PostgreSQL's CPU per send (docs/benchmarks.md, P7).
 */
@QuarkusTest
class PreparedStatementsTest {

    private static final String PREPARED = "SELECT statement FROM pg_prepared_statements";

    @Inject
    Pool pool;

    @Inject
    OutboundLog log;

    @Test
    void recordClaimSettleAndLookUpArePreparedOnceAndKeptOnTheirConnection() {
        OutboundMessage draft = new OutboundMessage();
        draft.id = UUID.randomUUID();
        draft.idempotencyKey = "prepared-" + draft.id;
        draft.channel = "sms";
        draft.toAddress = "+15550100001";
        draft.fromAddress = "+15550100002";
        draft.body = "prepared once";
        draft.requestedBy = "service";

        List<String> prepared = pool.withConnection(connection -> connection
                        .preparedQuery(OutboundLog.RECORD_AND_CLAIM).execute(log.recordAndClaimValues(draft, Optional.empty()))
                        .chain(recorded -> {
                            OutboundMessage row = log.row(recorded.iterator().next());
                            assertEquals("sending", row.state, "a new key is inserted already sending");
                            row.state = "sent";
                            row.twilioSid = "SM" + draft.id.toString().replace("-", "");
                            return connection.preparedQuery(OutboundLog.SETTLE).execute(OutboundLog.settleValues(row));
                        })
                        .chain(() -> connection.preparedQuery(OutboundLog.BY_KEY).execute(Tuple.of(draft.idempotencyKey)))
                        .chain(() -> connection.preparedQuery(OutboundLog.RECORD_AND_CLAIM)
                                .execute(log.recordAndClaimValues(draft, Optional.empty())))
                        .chain(() -> connection.query(PREPARED).execute()))
                .map(rows -> {
                    List<String> statements = new ArrayList<>();
                    for (Row row : rows) {
                        statements.add(row.getString("statement"));
                    }
                    return statements;
                })
                .await().atMost(Duration.ofSeconds(30));

        for (String statement : List.of(OutboundLog.RECORD_AND_CLAIM, OutboundLog.SETTLE, OutboundLog.BY_KEY)) {
            assertEquals(1, prepared.stream().filter(statement::equals).count(),
                    "prepared once and kept on the connection (" + statement.length() + " characters): "
                            + statement.lines().findFirst().orElseThrow());
        }
    }
}
