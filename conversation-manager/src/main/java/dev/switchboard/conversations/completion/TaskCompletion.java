package dev.switchboard.conversations.completion;

import dev.switchboard.conversations.persistence.EventLog;
import dev.switchboard.conversations.users.PhoneNumbers;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventSources;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.MediaItem;
import dev.switchboard.events.MessageData;
import dev.switchboard.events.SendRequestData;
import dev.switchboard.events.TaskCompletedData;
import dev.switchboard.events.Topics;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * Turns an inbound message into its effects, all in one transaction: with a photo and an active task, a feed post,
 * the task completed and the points awarded; in every case a reply and, on completion, a {@code task.completed}
 * event, both through the {@link Outbox}.
 *
 * <p>Exactly once is the database's doing, not timing's: the message SID is claimed in {@code processed_events}
 * first (a Twilio duplicate or a Kafka redelivery finds it taken and changes nothing), and the user's row is locked
 * before their task is chosen, so two photos at the same moment complete one task, not the same task twice.
 */
@ApplicationScoped
public class TaskCompletion {

    static final String CONSUMER = "task-completion";

    private static final String CLAIM = """
            INSERT INTO processed_events (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING""";
    private static final String LOCK_USER_BY_PHONE = "SELECT id FROM users WHERE phone_number = $1 FOR UPDATE";
    private static final String LOCK_USER_BY_IDENTITY = "SELECT id FROM users WHERE chat_identity = $1 FOR UPDATE";
    private static final String TASK_DUE_FIRST = """
            SELECT id, description, points FROM tasks
            WHERE user_id = $1 AND status = 'active' AND (due_time IS NULL OR due_time > now())
            ORDER BY due_time ASC NULLS LAST, id LIMIT 1""";
    private static final String POST = """
            WITH next AS (SELECT nextval(pg_get_serial_sequence('feed', 'id')) AS id)
            INSERT INTO feed (id, user_id, task_id, message_sid, image_url, image_index, post_content)
            SELECT id, $1, $2, $3, '/feed/' || id || '/image', $4, $5 FROM next
            RETURNING id, image_url""";
    private static final String COMPLETE = """
            UPDATE tasks SET status = 'completed', completed_at = now(), completed_by_message_sid = $2 WHERE id = $1""";
    private static final String AWARD = "UPDATE users SET points = points + $2 WHERE id = $1 RETURNING points";

    private final Pool pool;
    private final Replies replies;
    private final TaskCompletionConfig config;

    public TaskCompletion(Pool pool, Replies replies, TaskCompletionConfig config) {
        this.pool = pool;
        this.replies = replies;
        this.config = config;
    }

    /** Whether this message is one a user sent us: inbound SMS/WhatsApp, or a Conversations message by a user. */
    static boolean concerns(Event<MessageData> event) {
        return EventTypes.MESSAGE_ADDED.equals(event.type()) && event.data().messageSid() != null
                && (EventSources.MESSAGING.equals(event.source()) || EventSources.CONVERSATIONS.equals(event.source()));
    }

    public Uni<Void> handle(MessageData message) {
        return pool.withTransaction(tx -> tx.preparedQuery(CLAIM).execute(Tuple.of(CONSUMER, message.messageSid()))
                .chain(claimed -> claimed.rowCount() == 0 ? Uni.createFrom().voidItem() : respond(tx, message)));
    }

    private Uni<Void> respond(SqlConnection tx, MessageData message) {
        return lockSender(tx, message).chain(user -> {
            if (user == null) {
                // Strangers get a hint only by SMS/WhatsApp: in a Conversation they are our own bot or a non-user.
                return message.conversationSid() == null ? reply(tx, replies.unknownSender(message))
                        : Uni.createFrom().voidItem();
            }
            long userId = user.getLong("id");
            return tx.preparedQuery(TASK_DUE_FIRST).execute(Tuple.of(userId)).map(TaskCompletion::first)
                    .chain(task -> {
                        OptionalInt image = firstImage(message.media());
                        if (task == null) {
                            return reply(tx, replies.noActiveTask(message));
                        }
                        if (image.isEmpty()) {
                            return reply(tx, replies.photoNeeded(message, task.getString("description")));
                        }
                        return complete(tx, message, userId, task, image.getAsInt());
                    });
        });
    }

    private Uni<Void> complete(SqlConnection tx, MessageData message, long userId, Row task, int imageIndex) {
        long taskId = task.getLong("id");
        int points = task.getInteger("points") == null ? config.defaultPoints() : task.getInteger("points");
        return tx.preparedQuery(POST)
                .execute(Tuple.of(userId, taskId, message.messageSid(), imageIndex, message.body())).map(TaskCompletion::first)
                .call(() -> tx.preparedQuery(COMPLETE).execute(Tuple.of(taskId, message.messageSid())))
                .chain(post -> tx.preparedQuery(AWARD).execute(Tuple.of(userId, points)).map(TaskCompletion::first)
                        .chain(user -> {
                            long total = user.getLong("points");
                            TaskCompletedData done = new TaskCompletedData(userId, taskId, post.getLong("id"), points,
                                    total, message.messageSid(), post.getString("image_url"));
                            Event<TaskCompletedData> event = Event.of(EventTypes.TASK_COMPLETED,
                                    EventSources.TASK_COMPLETION, Long.toString(userId), done);
                            // Logged last, so the log's commit-order lock is held only for the append and commit.
                            return Outbox.add(tx, Topics.TASK_EVENTS, Long.toString(userId), event)
                                    .chain(() -> reply(tx, replies.completed(message, points, total)))
                                    .chain(() -> EventLog.appendTask(tx, event, message));
                        }));
    }

    private Uni<Row> lockSender(SqlConnection tx, MessageData message) {
        String sender = message.conversationSid() == null ? message.from() : message.author();
        String phone = PhoneNumbers.e164(sender);
        if (phone != null) {
            return tx.preparedQuery(LOCK_USER_BY_PHONE).execute(Tuple.of(phone)).map(TaskCompletion::first);
        }
        return sender == null ? Uni.createFrom().nullItem()
                : tx.preparedQuery(LOCK_USER_BY_IDENTITY).execute(Tuple.of(sender)).map(TaskCompletion::first);
    }

    private static Uni<Void> reply(SqlConnection tx, SendRequestData reply) {
        return Outbox.add(tx, Topics.OUTBOUND_MESSAGES, reply.commandId(),
                Event.of(EventTypes.MESSAGE_SEND_REQUESTED, EventSources.TASK_COMPLETION, reply.commandId(), reply));
    }

    /** Index of the first image among the message's media, if any. */
    static OptionalInt firstImage(List<MediaItem> media) {
        return IntStream.range(0, media.size())
                .filter(i -> media.get(i).contentType() != null && media.get(i).contentType().startsWith("image/"))
                .findFirst();
    }

    private static Row first(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? rows.iterator().next() : null;
    }
}
