package dev.switchboard.conversations.plans;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads 1,000,000 {@code messages} and 1,000,000 {@code message_events} rows of a production shape with set-based SQL:
 * 20,000 users who text the one business number (each SMS/WhatsApp row is to or from it), 5,000 Twilio Conversations
 * (a tenth of the rows) with four participants each, one heavy user (about one SMS in a hundred, and 20 conversations)
 * and one light user (3 messages). A few media downloads failed (to retry, or given up) or are pending, as the retry
 * job finds them.
 */
final class MillionRows {

    static final String BUSINESS = "+15559999999";
    static final int USERS = 20_000;
    static final int MESSAGES = 1_000_000;
    static final String HEAVY_PHONE = phone(1);
    static final String LIGHT_PHONE = phone(USERS);

    private static final List<String> INSERTS = List.of(
            """
            INSERT INTO users (username, phone_number, chat_identity)
            SELECT 'plan-user-' || i, '+1558' || lpad(i::text, 7, '0'), 'plan-identity-' || i
            FROM generate_series(1, %1$d) i""".formatted(USERS),
            """
            INSERT INTO gig_conversations (gig_id, conversation_sid, unique_name)
            SELECT 'plan-gig-' || c, 'CHplan' || lpad(c::text, 5, '0'), 'plan-gig-' || c FROM generate_series(0, 4999) c""",
            // four participants a conversation, two by chat identity, two by phone; the heavy user is in the first 20
            """
            INSERT INTO conversation_participants (participant_sid, conversation_sid, identity, address, address_e164,
                                                   added_at, removed_at)
            SELECT 'MBplan' || c || '-' || k, 'CHplan' || lpad(c::text, 5, '0'),
                   CASE WHEN k < 2 THEN 'plan-identity-' || u END,
                   CASE WHEN k >= 2 THEN '+1558' || lpad(u::text, 7, '0') END,
                   CASE WHEN k >= 2 THEN '+1558' || lpad(u::text, 7, '0') END,
                   now(), CASE WHEN k = 3 AND c % 10 = 0 THEN now() END
            FROM generate_series(0, 4999) c, generate_series(0, 3) k,
                 LATERAL (SELECT CASE WHEN k = 0 AND c < 20 THEN 1 ELSE 2 + (c * 4 + k) % 19990 END AS u) who""",
            """
            INSERT INTO messages (message_sid, conversation_sid, conversation_key, channel, direction, from_number,
                                  to_number, from_e164, to_e164, author, body, status, num_media, media_status,
                                  media_retry_at, sent_at, added_at, created_at, removed_at)
            SELECT 'SMplan' || lpad(i::text, 8, '0'),
                   CASE WHEN gig THEN conv END,
                   CASE WHEN gig THEN conv ELSE wa || sender || '|' || wa || '%1$s' END,
                   CASE WHEN gig THEN 'chat' WHEN wa <> '' THEN 'whatsapp' ELSE 'sms' END,
                   CASE WHEN outbound THEN 'outbound' ELSE 'inbound' END,
                   CASE WHEN gig THEN NULL WHEN outbound THEN wa || '%1$s' ELSE wa || sender END,
                   CASE WHEN gig THEN NULL WHEN outbound THEN wa || sender ELSE wa || '%1$s' END,
                   CASE WHEN gig THEN NULL WHEN outbound THEN '%1$s' ELSE sender END,
                   CASE WHEN gig THEN NULL WHEN outbound THEN sender ELSE '%1$s' END,
                   CASE WHEN gig THEN 'plan-identity-' || (2 + i %% 19990) END,
                   'message ' || i, 'delivered',
                   CASE WHEN media = 'none' THEN 0 ELSE 1 END, media,
                   CASE WHEN media = 'failed' THEN now() + CASE WHEN i %% 50000 = 13 THEN interval '-1 minute'
                                                                 WHEN i %% 10000 = 13 THEN NULL
                                                                 ELSE interval '1 hour' END END,
                   at, at, at, CASE WHEN i %% 1000 = 999 THEN at END
            FROM (SELECT i, i %% 10 = 0 AS gig, 'CHplan' || lpad(((i / 10) %% 5000)::text, 5, '0') AS conv,
                         CASE WHEN i %% 10 = 5 THEN 'whatsapp:' ELSE '' END AS wa,
                         '+1558' || lpad((CASE WHEN i IN (100003, 500003, 900003) THEN %2$d
                                               WHEN i %% 100 = 1 THEN 1
                                               ELSE 2 + (i::bigint * 7919) %% 19990 END)::text, 7, '0') AS sender,
                         (i / 100 + i) %% 2 = 0 AS outbound,
                         CASE WHEN i > %3$d - 50 THEN 'pending' WHEN i %% 5000 = 13 THEN 'failed'
                              WHEN i %% 50 = 7 THEN 'stored' ELSE 'none' END AS media,
                         now() - (%3$d - i) * interval '1 second' AS at
                  FROM generate_series(1, %3$d) i) s""".formatted(BUSINESS, USERS, MESSAGES),
            """
            INSERT INTO media_objects (message_sid, media_index, content_type, size_bytes, sha256, storage, storage_key)
            SELECT message_sid, 0, 'image/jpeg', 1000, 'x', 'file', message_sid || '/0' FROM messages
            WHERE message_sid LIKE 'SMplan%' AND media_status = 'stored'""",
            // the log: one event a message, every thousandth a task.completed of the message's user
            """
            INSERT INTO message_events (event_id, type, message_sid, conversation_key, from_number, to_number,
                                        from_e164, to_e164, user_id, payload, stored_at)
            SELECT 'EVplan' || m.id, CASE WHEN u.id IS NULL THEN 'message.added' ELSE 'task.completed' END,
                   m.message_sid, m.conversation_key, m.from_number, m.to_number, m.from_e164, m.to_e164, u.id,
                   jsonb_build_object('id', 'EVplan' || m.id, 'type', 'message.added',
                                      'data', jsonb_build_object('author', m.author, 'body', m.body)),
                   m.added_at
            FROM messages m LEFT JOIN users u ON m.id % 1000 = 500 AND u.phone_number = m.from_e164
            WHERE m.message_sid LIKE 'SMplan%' ORDER BY m.id""",
            """
            INSERT INTO tasks (user_id, description, status, completed_at)
            SELECT u.id, 'task ' || i, CASE WHEN i / 100 % 5 = 0 THEN 'completed' ELSE 'active' END,
                   CASE WHEN i / 100 % 5 = 0 THEN now() END
            FROM generate_series(1, 100000) i
            JOIN users u ON u.phone_number = '+1558' || lpad((CASE WHEN i % 100 = 1 THEN 1
                                                                   ELSE 2 + i % 19990 END)::text, 7, '0')""",
            """
            INSERT INTO feed (user_id, task_id, message_sid, image_url)
            SELECT t.user_id, t.id, 'SMfeed' || t.id, 'https://media.example/' || t.id FROM tasks t
            WHERE t.status = 'completed' AND t.description LIKE 'task %'""",
            """
            INSERT INTO outbox (topic, record_key, payload, published_at)
            SELECT 'twilio.message-events', 'k' || i, '{}', CASE WHEN i <= 99995 THEN now() END
            FROM generate_series(1, 100000) i""");

    private static final List<String> ANALYZE = List.of(
            "ANALYZE users",
            "ANALYZE gig_conversations",
            "ANALYZE conversation_participants",
            "ANALYZE messages",
            "ANALYZE media_objects",
            "ANALYZE message_events",
            "ANALYZE tasks",
            "ANALYZE feed",
            "ANALYZE outbox");

    private MillionRows() {
    }

    /**
     * +1558…: the other tests' users take random +1555 numbers in the same database, and one of them once took a number
     * of this range, failing the million-row insert on users' unique phone number.
     */
    static String phone(int user) {
        return "+1558" + String.format("%07d", user);
    }

    /**
     * The secondary indexes of the two big tables are dropped for the load and built again from their own definitions
     * afterwards (a build sorts once; inserting into eight indexes row by row takes twice as long).
     *
     * @return how long each step took, in order
     */
    static List<String> load(Pool pool) {
        SqlConnection connection = pool.getConnection().await().atMost(Duration.ofMinutes(1));
        try {
            List<String> steps = new ArrayList<>();
            run(connection, "SET maintenance_work_mem = '256MB'", steps);
            List<String> indexes = new ArrayList<>();
            connection.query("""
                    SELECT indexname, indexdef FROM pg_indexes
                    WHERE tablename IN ('messages', 'message_events')
                      AND indexname NOT IN (SELECT conname FROM pg_constraint)""").execute()
                    .await().atMost(Duration.ofMinutes(1))
                    .forEach((Row row) -> {
                        run(connection, "DROP INDEX " + row.getString("indexname"), steps);
                        indexes.add(row.getString("indexdef"));
                    });
            INSERTS.forEach(sql -> run(connection, sql, steps));
            indexes.forEach(sql -> run(connection, sql, steps));
            ANALYZE.forEach(sql -> run(connection, sql, steps));
            return steps;
        } finally {
            connection.close().await().atMost(Duration.ofMinutes(1));
        }
    }

    private static void run(SqlConnection connection, String sql, List<String> steps) {
        long start = System.nanoTime();
        connection.query(sql).execute().await().atMost(Duration.ofMinutes(5));
        steps.add("%6d ms  %s".formatted((System.nanoTime() - start) / 1_000_000,
                sql.strip().lines().findFirst().orElse("")));
    }
}
