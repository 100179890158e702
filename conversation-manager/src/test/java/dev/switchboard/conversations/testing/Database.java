package dev.switchboard.conversations.testing;

import dev.switchboard.testing.Waits;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads what the service stored, straight from PostgreSQL. */
@ApplicationScoped
public class Database {

    private final Pool pool;

    public Database(Pool pool) {
        this.pool = pool;
    }

    public List<JsonObject> query(String sql, Object... params) {
        List<JsonObject> rows = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.from(List.of(params))).await().atMost(Duration.ofSeconds(10))
                .forEach((Row row) -> rows.add(row.toJson()));
        return rows;
    }

    /** The messages row of a SID, or null. */
    public JsonObject message(String messageSid) {
        List<JsonObject> rows = query("SELECT * FROM messages WHERE message_sid = $1", messageSid);
        return rows.isEmpty() ? null : rows.get(0);
    }

    public JsonObject awaitMessage(String messageSid) {
        return Waits.waitFor("message " + messageSid).until(() -> message(messageSid), row -> row != null);
    }

    public void execute(String sql, Object... params) {
        pool.preparedQuery(sql).execute(Tuple.from(List.of(params))).await().atMost(Duration.ofSeconds(10));
    }
}
