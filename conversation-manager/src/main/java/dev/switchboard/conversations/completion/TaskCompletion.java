package dev.switchboard.conversations.completion;

import dev.switchboard.conversations.persistence.EventLog;
import dev.switchboard.conversations.users.ChatIdentities;
import dev.switchboard.conversations.users.PhoneNumbers;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventSources;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.MediaItem;
import dev.switchboard.events.MessageData;
import dev.switchboard.events.SendRequestData;
import dev.switchboard.events.TaskCompletedData;
import dev.switchboard.events.Topics;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * Turns inbound messages into their effects, a poll of them in one transaction: with a photo and an active task, a
 * feed post, the task completed, the points awarded, one confirmation and a {@code task.completed} event, both through
 * the {@link Outbox}. Otherwise a direct SMS/WhatsApp sender gets a hint (rate-limited per sender), and a group chat
 * gets nothing: the bot never answers ordinary chat. A poll's messages are handled one after another, in their order,
 * so a later message sees what an earlier one of the same user did (two photos complete two tasks, not one twice).
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
    /** The author of a Conversations message as a user who is a current participant of it: an identity or a number. */
    private static final String LOCK_PARTICIPANT = """
            SELECT u.id FROM users u
            WHERE (u.chat_identity = $2 OR u.phone_number = $3)
              AND EXISTS (SELECT 1 FROM conversation_participants p
                          WHERE p.conversation_sid = $1 AND p.removed_at IS NULL
                            AND (p.identity = u.chat_identity OR p.address_e164 = u.phone_number))
            ORDER BY u.id LIMIT 1 FOR UPDATE OF u""";
    private static final String CLAIM_HINT = """
            INSERT INTO bot_hints AS h (address, last_hint_at) VALUES ($1, now())
            ON CONFLICT (address) DO UPDATE SET last_hint_at = now()
            WHERE h.last_hint_at <= now() - make_interval(secs => $2)
            RETURNING address""";
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
    private final ChatIdentities identities;

    public TaskCompletion(Pool pool, Replies replies, TaskCompletionConfig config, ChatIdentities identities) {
        this.pool = pool;
        this.replies = replies;
        this.config = config;
        this.identities = identities;
    }

    /** Whether this message is one a user sent us: inbound SMS/WhatsApp, or a Conversations message by a user. */
    static boolean concerns(Event<MessageData> event) {
        return EventTypes.MESSAGE_ADDED.equals(event.type()) && event.data().messageSid() != null
                && (EventSources.MESSAGING.equals(event.source()) || EventSources.CONVERSATIONS.equals(event.source())
                        || EventSources.RECONCILIATION.equals(event.source()));
    }

    /**
     * Handles the messages that {@link #concerns} this consumer, in one transaction. The {@code task.completed} events
     * are logged last, so the log's commit-order lock is held only for the append and the commit, not across the poll.
     */
    public Uni<Void> handle(List<Event<MessageData>> events) {
        List<MessageData> messages = events.stream().filter(TaskCompletion::concerns).map(Event::data).toList();
        if (messages.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.withTransaction(tx -> {
            List<EventLog.TaskEntry> completed = new ArrayList<>();
            return Multi.createFrom().iterable(messages)
                    .onItem().transformToUniAndConcatenate(message -> handle(tx, message, completed))
                    .collect().last()
                    .chain(() -> EventLog.appendTasks(tx, completed));
        });
    }

    private Uni<Void> handle(SqlConnection tx, MessageData message, List<EventLog.TaskEntry> completed) {
        return tx.preparedQuery(CLAIM).execute(Tuple.of(CONSUMER, message.messageSid()))
                .chain(claimed -> claimed.rowCount() == 0 ? Uni.createFrom().voidItem()
                        : message.conversationSid() == null ? respondDirectly(tx, message, completed)
                        : respondInConversation(tx, message, completed));
    }

    /**
     * A direct SMS/WhatsApp: a photo completes the sender's task; anything else gets a hint, at most one per sender per
     * {@code switchboard.tasks.hint-interval}, so a chatty sender is not answered message for message.
     */
    private Uni<Void> respondDirectly(SqlConnection tx, MessageData message, List<EventLog.TaskEntry> completed) {
        String phone = PhoneNumbers.e164(message.from());
        if (phone == null) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(LOCK_USER_BY_PHONE).execute(Tuple.of(phone)).map(TaskCompletion::first).chain(user -> {
            if (user == null) {
                return hint(tx, phone, replies.unknownSender(message));
            }
            long userId = user.getLong("id");
            return activeTask(tx, userId).chain(task -> {
                OptionalInt image = firstImage(message.media());
                if (task == null) {
                    return hint(tx, phone, replies.noActiveTask(message));
                }
                if (image.isEmpty()) {
                    return hint(tx, phone, replies.photoNeeded(message, task.getString("description")));
                }
                return complete(tx, message, userId, task, image.getAsInt(), completed);
            });
        });
    }

    /**
     * A group chat is the participants' own: the bot acts only on a photo from a current participant with an active
     * task (completes it, posts one confirmation) and says nothing otherwise. Its own messages and Twilio's system
     * messages are never acted on, so it cannot answer itself.
     */
    private Uni<Void> respondInConversation(SqlConnection tx, MessageData message,
            List<EventLog.TaskEntry> completed) {
        String author = message.author();
        OptionalInt image = firstImage(message.media());
        if (author == null || identities.isReserved(author) || image.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(LOCK_PARTICIPANT)
                .execute(Tuple.from(Arrays.asList(message.conversationSid(), author, PhoneNumbers.e164(author))))
                .map(TaskCompletion::first)
                .chain(user -> user == null ? Uni.createFrom().voidItem()
                        : activeTask(tx, user.getLong("id")).chain(task -> task == null ? Uni.createFrom().voidItem()
                                : complete(tx, message, user.getLong("id"), task, image.getAsInt(), completed)));
    }

    private Uni<Row> activeTask(SqlConnection tx, long userId) {
        return tx.preparedQuery(TASK_DUE_FIRST).execute(Tuple.of(userId)).map(TaskCompletion::first);
    }

    /** The hint goes out when this sender had none within the interval; the claim and the reply commit together. */
    private Uni<Void> hint(SqlConnection tx, String phone, SendRequestData reply) {
        return tx.preparedQuery(CLAIM_HINT).execute(Tuple.of(phone, (double) config.hintInterval().toMillis() / 1000))
                .chain(claimed -> claimed.rowCount() == 0 ? Uni.createFrom().voidItem() : reply(tx, reply));
    }

    /** Completes the task; its {@code task.completed} is added to {@code completed}, for the log at the end. */
    private Uni<Void> complete(SqlConnection tx, MessageData message, long userId, Row task, int imageIndex,
            List<EventLog.TaskEntry> completed) {
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
                            completed.add(new EventLog.TaskEntry(event, message));
                            return Outbox.add(tx, Topics.TASK_EVENTS, Long.toString(userId), event)
                                    .chain(() -> reply(tx, replies.completed(message, points, total)));
                        }));
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
