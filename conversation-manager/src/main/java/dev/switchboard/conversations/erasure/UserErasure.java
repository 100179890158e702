package dev.switchboard.conversations.erasure;

import dev.switchboard.conversations.media.MediaStore;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Removes what Switchboard stores of one user (docs/api.md "Erasure" says what is kept): their direct SMS/WhatsApp
 * messages both ways, the Conversation messages they authored, those messages' media (bytes and rows) and event-log
 * rows, the direct exchanges' and their own task events in the log, their conversation participation (rows and
 * participant events), their outbound
 * log rows, feed posts, tasks and bot hint; the user row is scrubbed and marked {@code erased_at}, so the id is never
 * reused and erasing again removes nothing and answers the same way.
 * <p>
 * Media bytes go first, outside the transaction (object storage is not in it); the rows then go in one transaction.
 * A failure in between leaves rows whose media is gone, and erasing again finishes the job.
 */
@ApplicationScoped
public class UserErasure {

    private static final Logger LOG = Logger.getLogger(UserErasure.class);

    private static final String USER = "SELECT id, phone_number, chat_identity FROM users WHERE id = $1";
    private static final String LOCK_USER = USER + " FOR UPDATE";

    /** Direct exchanges by number, Conversation messages by author. $1 bare number, $2 authors. */
    private static final String MESSAGES = """
            SELECT message_sid FROM messages WHERE conversation_sid IS NULL AND (from_e164 = $1 OR to_e164 = $1)
            UNION SELECT message_sid FROM messages WHERE conversation_sid IS NOT NULL AND author = ANY($2)""";

    private static final String MEDIA = """
            SELECT message_sid, media_index FROM media_objects WHERE message_sid = ANY($1) ORDER BY message_sid, media_index""";

    /**
     * The log rows readable only through the user: the direct exchanges of their number, their own task events, and
     * every event of a message being erased (status updates included), and the participant events of their
     * participations. $1 addresses, $2 user id, $3 message SIDs, $4 their conversations, $5 their participant SIDs.
     */
    private static final String EVENTS = """
            DELETE FROM message_events WHERE
                ((from_number = ANY($1) OR to_number = ANY($1)) AND conversation_key LIKE '%|%')
                OR user_id = $2
                OR message_sid = ANY($3)
                OR (conversation_key = ANY($4) AND type LIKE 'conversation.%'
                    AND payload->'data'->>'participantSid' = ANY($5))""";

    private static final String PARTICIPATIONS = """
            SELECT participant_sid, conversation_sid FROM conversation_participants
            WHERE identity = $1 OR address_e164 = $2""";

    private static final String OUTBOUND = """
            DELETE FROM outbound_messages WHERE to_address = ANY($1)
                OR (channel = 'conversation' AND author = ANY($2)) OR requested_by = $3""";

    private static final String SCRUB = """
            UPDATE users SET username = NULL, phone_number = NULL, chat_identity = NULL, auth_id = NULL, points = 0,
                erased_at = coalesce(erased_at, now())
            WHERE id = $1 AND (erased_at IS NULL OR phone_number IS NOT NULL OR chat_identity IS NOT NULL
                OR username IS NOT NULL OR auth_id IS NOT NULL)""";

    private final Pool pool;
    private final MediaStore media;

    public UserErasure(Pool pool, MediaStore media) {
        this.pool = pool;
        this.media = media;
    }

    /** Rows removed per table, or null when there is no such user. */
    public Uni<Map<String, Long>> erase(long userId) {
        return pool.preparedQuery(USER).execute(Tuple.of(userId))
                .map(rows -> rows.iterator().hasNext() ? user(rows.iterator().next()) : null)
                .onItem().ifNotNull().transformToUni(user -> messageSids(pool, user)
                        .chain(sids -> deleteMedia(sids))
                        .chain(mediaCount -> pool.withTransaction(tx -> eraseRows(tx, userId, mediaCount))));
    }

    private Uni<Map<String, Long>> eraseRows(SqlConnection tx, long userId, long mediaCount) {
        // Read again under the row lock: a concurrent erasure or a change of number waits, and sees the outcome.
        return tx.preparedQuery(LOCK_USER).execute(Tuple.of(userId)).map(rows -> user(rows.iterator().next()))
                .chain(user -> messageSids(tx, user).chain(sids -> tx.preparedQuery(PARTICIPATIONS)
                        .execute(Tuple.of(user.chatIdentity(), user.phone())).chain(participations -> {
                    List<String> participants = new ArrayList<>();
                    List<String> conversations = new ArrayList<>();
                    participations.forEach(row -> {
                        participants.add(row.getString("participant_sid"));
                        conversations.add(row.getString("conversation_sid"));
                    });
                    Map<String, Long> counts = new LinkedHashMap<>();
                    String[] sidArray = sids.toArray(String[]::new);
                    return count(tx, counts, "message_events", EVENTS, Tuple.from(List.of(user.addresses(), user.id(),
                                    sidArray, conversations.toArray(String[]::new), participants.toArray(String[]::new))))
                            .chain(() -> count(tx, counts, "media_objects",
                                    "DELETE FROM media_objects WHERE message_sid = ANY($1)", Tuple.of(sidArray)))
                            .invoke(() -> counts.merge("media_objects", mediaCount, Long::sum))
                            .chain(() -> count(tx, counts, "messages",
                                    "DELETE FROM messages WHERE message_sid = ANY($1)", Tuple.of(sidArray)))
                            .chain(() -> count(tx, counts, "conversation_participants",
                                    "DELETE FROM conversation_participants WHERE identity = $1 OR address_e164 = $2",
                                    Tuple.of(user.chatIdentity(), user.phone())))
                            .chain(() -> count(tx, counts, "outbound_messages", OUTBOUND,
                                    Tuple.of(user.addresses(), user.authors(), user.requester())))
                            .chain(() -> count(tx, counts, "feed", "DELETE FROM feed WHERE user_id = $1",
                                    Tuple.of(user.id())))
                            .chain(() -> count(tx, counts, "tasks", "DELETE FROM tasks WHERE user_id = $1",
                                    Tuple.of(user.id())))
                            .chain(() -> count(tx, counts, "bot_hints", "DELETE FROM bot_hints WHERE address = $1",
                                    Tuple.of(user.phone())))
                            .chain(() -> count(tx, counts, "users", SCRUB, Tuple.of(user.id())))
                            .invoke(() -> LOG.infof("Erased user %d: %s", user.id(), counts))
                            .replaceWith(counts);
                })));
    }

    private static Uni<List<String>> messageSids(SqlClient client, ErasedUser user) {
        return client.preparedQuery(MESSAGES).execute(Tuple.of(user.phone(), user.authors()))
                .map(rows -> {
                    List<String> sids = new ArrayList<>();
                    rows.forEach(row -> sids.add(row.getString("message_sid")));
                    return sids;
                });
    }

    /** Each stored item through its store (bytes and row); the number of items deleted. */
    private Uni<Long> deleteMedia(List<String> sids) {
        return pool.preparedQuery(MEDIA).execute(Tuple.of(sids.toArray(String[]::new)))
                .onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .onItem().transformToUniAndConcatenate((Row row) ->
                        media.delete(row.getString("message_sid"), row.getInteger("media_index")).replaceWith(1L))
                .collect().with(Collectors.counting());
    }

    private static Uni<Void> count(SqlConnection tx, Map<String, Long> counts, String table, String sql, Tuple args) {
        return tx.preparedQuery(sql).execute(args)
                .invoke(rows -> counts.merge(table, (long) rows.rowCount(), Long::sum))
                .replaceWithVoid();
    }

    private static ErasedUser user(Row row) {
        return new ErasedUser(row.getLong("id"), row.getString("phone_number"), row.getString("chat_identity"));
    }
}
