package dev.switchboard.realtime.replay;

import dev.switchboard.events.EventJson;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.MessageData;
import dev.switchboard.events.TaskCompletedData;
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
import java.util.Arrays;
import java.util.List;

/**
 * Reads the durable event log ({@code message_events}, appended to by conversation-manager in commit order) for
 * catch-ups: message events of the user's conversations and numbers, and the user's own
 * {@code task.completed}. A cursor (event id) resolves to the row's {@code seq} only when the user may read that
 * row. Parameters: $1 after seq, $2 conversation SIDs, $3 number addresses, $4 user id, $5 limit.
 */
@ApplicationScoped
public class EventLog {

    /**
     * The rows a user may read: the same rule as live routing ({@code Membership#reads}) and as conversation-manager's
     * history. A Conversation's messages by its key, for current participants only; an SMS/WhatsApp exchange's by its
     * numbers ({@code |} marks such a key, so an SMS participant's number opens no Conversation); the user's own tasks.
     */
    private static final String READABLE = """
            (type LIKE 'message.%' AND (conversation_key = ANY($2)
                                        OR ((from_number = ANY($3) OR to_number = ANY($3)) AND conversation_key LIKE '%|%')))
            OR (type = 'task.completed' AND user_id = $4)""";
    private static final String SEQ_OF = "SELECT seq FROM message_events WHERE event_id = $1 AND (" + READABLE + ")";
    /**
     * One branch per way of reading a row, each served by an index on (key, seq) and cut at the page size, so a page
     * costs the user's own rows only, however long the log (the plans: docs/design.md).
     */
    private static final String PAGE = """
            SELECT seq, type, payload::text AS payload FROM message_events WHERE seq IN (
                SELECT seq FROM (
                    (SELECT seq FROM message_events WHERE conversation_key = ANY($2) AND seq > $1
                         AND type LIKE 'message.%' ORDER BY seq LIMIT $5)
                    UNION (SELECT seq FROM message_events WHERE from_number = ANY($3) AND seq > $1
                         AND type LIKE 'message.%' AND conversation_key LIKE '%|%' ORDER BY seq LIMIT $5)
                    UNION (SELECT seq FROM message_events WHERE to_number = ANY($3) AND seq > $1
                         AND type LIKE 'message.%' AND conversation_key LIKE '%|%' ORDER BY seq LIMIT $5)
                    UNION (SELECT seq FROM message_events WHERE user_id = $4 AND seq > $1
                         AND type = 'task.completed' ORDER BY seq LIMIT $5)
                ) readable ORDER BY seq LIMIT $5)
            ORDER BY seq""";

    private final Pool pool;
    private final StreamEvents events;

    EventLog(Pool pool, StreamEvents events) {
        this.pool = pool;
        this.events = events;
    }

    /** The position of an event in the log, or null when the log does not hold it or the member may not read it. */
    public Uni<Long> seqOf(Membership membership, String eventId) {
        return pool.preparedQuery(SEQ_OF)
                .execute(Tuple.from(Arrays.asList(eventId, membership.conversations().toArray(String[]::new),
                        membership.phoneAddresses(), membership.userId())))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong("seq") : null);
    }

    public Uni<LogPage> page(Membership membership, long afterSeq, int size) {
        Tuple query = Tuple.from(Arrays.asList(afterSeq, membership.conversations().toArray(String[]::new),
                membership.phoneAddresses(), membership.userId(), size));
        return pool.preparedQuery(PAGE)
                .execute(query)
                .map(rows -> page(rows, afterSeq, size));
    }

    private LogPage page(RowSet<Row> rows, long afterSeq, int size) {
        List<StreamEvent> page = new ArrayList<>();
        long lastSeq = afterSeq;
        for (Row row : rows) {
            byte[] payload = row.getString("payload").getBytes(StandardCharsets.UTF_8);
            page.add(EventTypes.TASK_COMPLETED.equals(row.getString("type"))
                    ? events.task(EventJson.read(payload, TaskCompletedData.class))
                    : events.message(EventJson.read(payload, MessageData.class)));
            lastSeq = row.getLong("seq");
        }
        return new LogPage(page, lastSeq, page.size() < size);
    }
}
