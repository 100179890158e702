package dev.switchboard.conversations.me;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * A user's direct SMS/WhatsApp exchanges ({@code conversation_key} {@code a|b}), latest activity first: the messages
 * outside Twilio Conversations whose bare sender or recipient number is the user's — the SMS half of
 * {@code access.MessageVisibility}'s rule, written as a join so the {@code from_e164}/{@code to_e164} indexes serve it
 * instead of a scan of every message. Removed messages and placeholders count as no message, as in the history API.
 */
@ApplicationScoped
public class DirectExchanges {

    private static final String LIST = """
            SELECT m.conversation_key, max(COALESCE(m.sent_at, m.created_at)) AS last_message_at,
                   (array_agg(m.channel ORDER BY m.id DESC))[1] AS channel,
                   (array_agg(CASE WHEN m.from_e164 = u.phone_number THEN m.to_number ELSE m.from_number END
                              ORDER BY m.id DESC))[1] AS counterpart
            FROM users u
            JOIN messages m ON m.from_e164 = u.phone_number OR m.to_e164 = u.phone_number
            WHERE u.id = $1 AND m.conversation_sid IS NULL AND m.removed_at IS NULL AND m.added_at IS NOT NULL
            GROUP BY m.conversation_key
            ORDER BY last_message_at DESC, m.conversation_key LIMIT $2""";

    private final Pool pool;

    public DirectExchanges(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<MyConversation>> of(long userId, int limit) {
        return pool.preparedQuery(LIST).execute(Tuple.of(userId, limit))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(DirectExchanges::exchange).toList());
    }

    private static MyConversation exchange(Row row) {
        return MyConversation.direct(row.getString("conversation_key"), row.getOffsetDateTime("last_message_at"),
                row.getString("channel"), row.getString("counterpart"));
    }
}
