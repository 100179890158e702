package dev.switchboard.conversations.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.auth.Caller;
import dev.switchboard.conversations.access.MessageVisibility;
import dev.switchboard.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * Cursor paging over {@code message_events}, the log the persistence consumer appends to. A cursor is an event id
 * (the SSE {@code id:}), resolved to its {@code seq}; the page holds the events after it in {@code seq} order.
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
    private final ObjectMapper json;

    public ConversationHistory(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
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
        return new HistoryPage(conversationKey, page.stream().map(row -> parse(row.getString("payload"))).toList(),
                next, all.size() > limit);
    }

    private JsonNode parse(String payload) {
        try {
            return json.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
