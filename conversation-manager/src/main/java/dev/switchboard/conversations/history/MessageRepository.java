package dev.switchboard.conversations.history;

import dev.switchboard.auth.Caller;
import dev.switchboard.conversations.access.MessageVisibility;
import dev.switchboard.conversations.users.PhoneNumbers;
import dev.switchboard.events.client.ClientMessage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads messages, always through {@link MessageVisibility}: a row the caller may not read does not exist for them.
 * Nor does a placeholder ({@code added_at} null): a status or edit seen before its message is not a message yet.
 */
@ApplicationScoped
public class MessageRepository {

    /** What every page leaves out, and the {@code from_number} filter; on rows of {@code messages m}. */
    private static final String LISTED = """
            m.removed_at IS NULL AND m.added_at IS NOT NULL
            AND ($2::text IS NULL OR m.from_number = $2 OR m.from_e164 = $3)""";

    /**
     * Newest first, as {@code ORDER BY id DESC LIMIT $4 OFFSET $5} over the rows {@link MessageVisibility} lets
     * through, but found branch by branch of that rule so each branch is read in id order from an index and stops at
     * {@code limit + offset} rows: the service role's (every row, the primary key); a user's SMS/WhatsApp rows from and
     * to their number ({@code messages_from_e164_id}, {@code messages_to_e164_id}); the rows of each conversation they
     * take part in ({@code messages_conversation_sid}). Testing the rule on each message instead walks the table for a
     * user with few messages; a join to {@code users} instead of the number as a value sorts all of a heavy user's rows
     * (docs/design.md, "Queries at 1M rows"). The page's rows pass the rule itself too.
     */
    private static final String PAGE = """
            WITH page AS (
                SELECT id FROM (
                    (SELECT m.id FROM messages m
                     WHERE $1::bigint IS NULL AND %2$s
                     ORDER BY m.id DESC LIMIT $4::int + $5::int)
                    UNION
                    (SELECT m.id FROM messages m
                     WHERE m.from_e164 = (SELECT phone_number FROM users WHERE id = $1)
                       AND m.conversation_sid IS NULL AND %2$s
                     ORDER BY m.id DESC LIMIT $4::int + $5::int)
                    UNION
                    (SELECT m.id FROM messages m
                     WHERE m.to_e164 = (SELECT phone_number FROM users WHERE id = $1)
                       AND m.conversation_sid IS NULL AND %2$s
                     ORDER BY m.id DESC LIMIT $4::int + $5::int)
                    UNION
                    (SELECT c.id FROM users u, LATERAL %3$s cs,
                         LATERAL (SELECT m.id FROM messages m WHERE m.conversation_sid = cs.conversation_sid AND %2$s
                                  ORDER BY m.id DESC LIMIT $4::int + $5::int) c
                     WHERE u.id = $1)) readable
                ORDER BY id DESC LIMIT $4 OFFSET $5)
            SELECT %1$s FROM page JOIN messages m ON m.id = page.id
            WHERE %4$s
            ORDER BY m.id DESC""".formatted(MessageView.COLUMNS, LISTED, MessageVisibility.currentConversations("u"),
            MessageVisibility.condition("$1"));

    private static final String BY_SID = "SELECT %s FROM messages m WHERE m.message_sid = $2 AND m.added_at IS NOT NULL AND %s"
            .formatted(MessageView.COLUMNS, MessageVisibility.condition("$1"));

    private static final String BY_ID = "SELECT %s FROM messages m WHERE m.id = $2 AND m.added_at IS NOT NULL AND %s"
            .formatted(MessageView.COLUMNS, MessageVisibility.condition("$1"));

    /** A row id as links made before the SID became the key hold it; Twilio SIDs always start with two letters. */
    private static final Pattern ROW_ID = Pattern.compile("[0-9]{1,18}");

    private final Pool pool;

    public MessageRepository(Pool pool) {
        this.pool = pool;
    }

    /** Newest first. {@code fromNumber} matches Twilio's form ({@code whatsapp:+1…}) or the bare number. */
    public Uni<List<ClientMessage>> page(Caller caller, String fromNumber, int limit, int offset) {
        return pool.preparedQuery(PAGE)
                .execute(Tuple.from(Arrays.asList(MessageVisibility.param(caller), fromNumber,
                        PhoneNumbers.e164(fromNumber), limit, offset)))
                .map(rows -> rows.stream().map(MessageView::of).toList());
    }

    /**
     * The message named by its SID, or by its numeric row id (kept for links made before the SID was the key); null
     * when there is none the caller may read.
     */
    public Uni<ClientMessage> find(Caller caller, String sidOrId) {
        boolean rowId = ROW_ID.matcher(sidOrId).matches();
        return pool.preparedQuery(rowId ? BY_ID : BY_SID)
                .execute(Tuple.of(MessageVisibility.param(caller), rowId ? (Object) Long.parseLong(sidOrId) : sidOrId))
                .map(MessageRepository::first);
    }

    private static ClientMessage first(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? MessageView.of(rows.iterator().next()) : null;
    }
}
