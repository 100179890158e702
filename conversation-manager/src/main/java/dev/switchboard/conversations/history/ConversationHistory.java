package dev.switchboard.conversations.history;

import dev.switchboard.auth.Caller;
import dev.switchboard.conversations.access.MessageVisibility;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.MessageData;
import dev.switchboard.events.client.ClientEvent;
import dev.switchboard.events.client.ClientEvents;
import dev.switchboard.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Cursor paging over {@code message_events}, the log the persistence consumer appends to. A cursor is an event id
 * (the SSE {@code id:}), resolved to its {@code seq}; the page holds the events after it in {@code seq} order, each
 * rendered by {@link ClientEvents} from the event as it was on Kafka, so it reads as the stream sent it.
 */
@ApplicationScoped
public class ConversationHistory {

    /**
     * A conversation is the caller's by the rule of {@link MessageVisibility}: a Twilio Conversation while they are
     * one of its current participants, an SMS/WhatsApp exchange ({@code a|b}) when one of its numbers is theirs.
     */
    private static final String VISIBLE = """
            SELECT $2::bigint IS NULL OR EXISTS (SELECT 1 FROM users u WHERE u.id = $2 AND (
                u.phone_number = ANY (SELECT regexp_replace(address, '^whatsapp:', '')
                                      FROM unnest(string_to_array($1, '|')) AS address WHERE $1 LIKE '%%|%%')
                OR %s)) AS visible""".formatted(MessageVisibility.currentParticipant("$1", "u"));

    /** task.completed rows are in the log for their user's stream only; a conversation's history leaves them out. */
    private static final String CURSOR = """
            SELECT seq FROM message_events WHERE event_id = $1 AND conversation_key = $2 AND user_id IS NULL""";

    private static final String PAGE = """
            SELECT event_id, payload::text AS payload FROM message_events
            WHERE conversation_key = $1 AND seq > $2 AND user_id IS NULL ORDER BY seq LIMIT $3""";

    private final Pool pool;

    public ConversationHistory(Pool pool) {
        this.pool = pool;
    }

    /** Fails with 403 when the conversation is not the caller's, 400 when {@code after} is not one of its cursors. */
    public Uni<HistoryPage> page(Caller caller, String conversationKey, String after, int limit) {
        return pool.preparedQuery(VISIBLE)
                .execute(Tuple.from(Arrays.asList(conversationKey, MessageVisibility.param(caller))))
                .invoke(rows -> requireVisible(rows, conversationKey))
                .chain(() -> seqOf(conversationKey, after))
                .chain(seq -> pool.preparedQuery(PAGE).execute(Tuple.of(conversationKey, seq, limit + 1)))
                .map(rows -> pageOf(conversationKey, after, rows, limit));
    }

    private static void requireVisible(RowSet<Row> rows, String conversationKey) {
        if (!rows.iterator().next().getBoolean("visible")) {
            throw ProblemException.forbidden("not-a-participant", "you take no part in " + conversationKey);
        }
    }

    private Uni<Long> seqOf(String conversationKey, String after) {
        if (after == null || after.isBlank()) {
            return Uni.createFrom().item(0L);
        }
        return pool.preparedQuery(CURSOR)
                .execute(Tuple.of(after, conversationKey))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong("seq") : null)
                .onItem().ifNull().failWith(() -> ProblemException.badRequest("unknown-cursor",
                        "'" + after + "' is no event of " + conversationKey + "; fetch from the start"));
    }

    private HistoryPage pageOf(String conversationKey, String after, RowSet<Row> rows, int limit) {
        List<Row> all = rows.stream().toList();
        List<Row> page = all.subList(0, Math.min(limit, all.size()));
        String next = page.isEmpty() ? after : page.get(page.size() - 1).getString("event_id");
        return new HistoryPage(conversationKey, page.stream().map(row -> render(row.getString("payload"))).toList(),
                next, all.size() > limit);
    }

    /** The payload is the event as it was on Kafka ({@code EventJson}): read back with the same mapping. */
    private static ClientEvent render(String payload) {
        Event<MessageData> event = EventJson.read(payload.getBytes(StandardCharsets.UTF_8), MessageData.class);
        return ClientEvents.message(event);
    }
}
