package dev.switchboard.conversations.completion;

import dev.switchboard.events.Event;
import dev.switchboard.events.EventJson;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;

/** Records to publish once the surrounding transaction commits ({@link OutboxRelay} publishes them). */
final class Outbox {

    private Outbox() {
    }

    static Uni<Void> add(SqlConnection tx, String topic, String key, Event<?> event) {
        JsonObject payload = new JsonObject(new String(EventJson.write(event), StandardCharsets.UTF_8));
        return tx.preparedQuery("INSERT INTO outbox (topic, record_key, payload) VALUES ($1, $2, $3)")
                .execute(Tuple.of(topic, key, payload))
                .replaceWithVoid();
    }
}
