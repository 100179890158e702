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

    private static final String PAGE = """
            SELECT %s FROM messages m
            WHERE m.removed_at IS NULL AND m.added_at IS NOT NULL AND %s
              AND ($2::text IS NULL OR m.from_number = $2 OR m.from_e164 = $3)
            ORDER BY m.id DESC LIMIT $4 OFFSET $5""".formatted(MessageView.COLUMNS, MessageVisibility.condition("$1"));

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
