package dev.switchboard.conversations.persistence;

import dev.switchboard.conversations.users.PhoneNumbers;
import dev.switchboard.events.ConversationKey;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.MessageData;
import dev.switchboard.events.TaskCompletedData;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Appends to {@code message_events}, the durable log that history paging and the realtime gateway's catch-up read
 * "after seq N". Every append takes one advisory lock and holds it until its transaction commits, across every
 * replica and both writers (persistence, task completion): a {@code seq} is drawn only while no other append is in
 * flight, so {@code seq} order is commit order and no reader can pass over a row that commits a moment later. Each
 * writer appends as the last statement of its transaction, so the lock is held only for the append and the commit.
 */
public final class EventLog {

    /** The key spells "msg_evts" in ASCII; nothing else takes it. */
    static final String IN_COMMIT_ORDER = "SELECT pg_advisory_xact_lock(" + 0x6d73675f65767473L + ")";

    private static final String APPEND = """
            INSERT INTO message_events (event_id, type, message_sid, conversation_key, from_number, to_number,
                from_e164, to_e164, user_id, payload)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text::jsonb)
            ON CONFLICT (event_id) DO NOTHING""";

    private EventLog() {
    }

    /** Appends message and conversation events; nothing is taken or written for an empty list. */
    static Uni<Void> append(SqlConnection tx, List<Event<MessageData>> events) {
        return appendRows(tx, events.stream().map(EventLog::entry).toList());
    }

    /** A {@code task.completed} and the message that completed the task. */
    public record TaskEntry(Event<TaskCompletedData> event, MessageData completedBy) {
    }

    /**
     * Appends {@code task.completed} events, each for its user's streams only, in the conversation of the message that
     * completed the task; nothing is taken or written for an empty list.
     */
    public static Uni<Void> appendTasks(SqlConnection tx, List<TaskEntry> tasks) {
        return appendRows(tx, tasks.stream().map(task -> Tuple.from(Arrays.asList(task.event().id(),
                task.event().type(), task.completedBy().messageSid(), ConversationKey.of(task.completedBy()), null, null,
                null, null, task.event().data().userId(), json(task.event())))).toList());
    }

    private static Uni<Void> appendRows(SqlConnection tx, List<Tuple> entries) {
        return entries.isEmpty() ? Uni.createFrom().voidItem()
                : tx.query(IN_COMMIT_ORDER).execute()
                        .chain(() -> tx.preparedQuery(APPEND).executeBatch(entries))
                        .replaceWithVoid();
    }

    private static Tuple entry(Event<MessageData> event) {
        MessageData data = event.data();
        return Tuple.from(Arrays.asList(event.id(), event.type(), data.messageSid(), ConversationKey.of(data),
                data.from(), data.to(), PhoneNumbers.e164(data.from()), PhoneNumbers.e164(data.to()), null,
                json(event)));
    }

    private static String json(Event<?> event) {
        return new String(EventJson.write(event), StandardCharsets.UTF_8);
    }
}
