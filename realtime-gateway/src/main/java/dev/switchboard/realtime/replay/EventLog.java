package dev.switchboard.realtime.replay;

import dev.switchboard.events.EventJson;
import dev.switchboard.events.MessageData;
import dev.switchboard.realtime.routing.Membership;
import dev.switchboard.realtime.routing.StreamEvent;
import dev.switchboard.realtime.routing.StreamEvents;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the durable event log ({@code message_events}, written by conversation-manager's persistence consumer)
 * for catch-ups. A cursor (event id) resolves to the row's {@code seq}; pages are filtered in SQL to the user's
 * conversations and numbers.
 */
@ApplicationScoped
public class EventLog {

    /** The rows a user may read ($2 conversations, $3 numbers, $4 chat identity): the same rule as live routing. */
    private static final String READABLE = """
            type LIKE 'message.%'
              AND (conversation_key = ANY($2) OR from_number = ANY($3) OR to_number = ANY($3)
                   OR payload->'data'->>'author' = $4)""";
    /** A cursor resolves only to an event its reader may read: someone else's event id tells them nothing. */
    private static final String SEQ_OF = "SELECT seq FROM message_events WHERE event_id = $1 AND " + READABLE;
    private static final String PAGE = "SELECT seq, payload::text AS payload FROM message_events WHERE seq > $1 AND "
            + READABLE + " ORDER BY seq LIMIT $5";

    private final Pool pool;
    private final StreamEvents events;

    EventLog(Pool pool, StreamEvents events) {
        this.pool = pool;
        this.events = events;
    }

    /** The position of an event in the log, or null when the log does not hold it or the member may not read it. */
    public Uni<Long> seqOf(Membership membership, String eventId) {
        return pool.preparedQuery(SEQ_OF)
                .execute(Tuple.of(eventId, membership.conversations().toArray(String[]::new),
                        membership.phoneAddresses(), membership.chatIdentity()))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong("seq") : null);
    }

    public Uni<LogPage> page(Membership membership, long afterSeq, int size) {
        Tuple query = Tuple.of(afterSeq, membership.conversations().toArray(String[]::new),
                membership.phoneAddresses(), membership.chatIdentity(), size);
        return pool.preparedQuery(PAGE)
                .execute(query)
                .map(rows -> page(rows, afterSeq, size));
    }

    private LogPage page(RowSet<Row> rows, long afterSeq, int size) {
        List<StreamEvent> page = new ArrayList<>();
        long lastSeq = afterSeq;
        for (Row row : rows) {
            page.add(events.message(EventJson.read(row.getString("payload").getBytes(StandardCharsets.UTF_8),
                    MessageData.class)));
            lastSeq = row.getLong("seq");
        }
        return new LogPage(page, lastSeq, page.size() < size);
    }
}
