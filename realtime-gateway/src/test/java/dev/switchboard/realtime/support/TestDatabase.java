package dev.switchboard.realtime.support;

import dev.switchboard.events.ConversationKey;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.MessageData;
import dev.switchboard.events.TaskCompletedData;
import dev.switchboard.testing.SchemaOwner;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes the rows the gateway reads, through the real PostgreSQL, as conversation-manager would: users,
 * conversation participants, and the durable event log.
 */
public final class TestDatabase {

    private static final AtomicLong NUMBERS = new AtomicLong(ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000));

    /** As the schema's owner: the gateway's own role may only read these tables. */
    private final Pool pool = SchemaOwner.pool();

    /** A user with a fresh number and chat identity. */
    public TestUser user() {
        String phone = "+1555" + NUMBERS.incrementAndGet();
        String identity = "user-" + phone.substring(1);
        long id = pool.preparedQuery("INSERT INTO users (username, phone_number, chat_identity) VALUES ($1, $2, $3) RETURNING id")
                .execute(Tuple.of(identity, phone, identity))
                .await().indefinitely()
                .iterator().next().getLong("id");
        return new TestUser(id, phone, identity);
    }

    /** A number nobody in the users table has. */
    public static String strangerNumber() {
        return "+1666" + NUMBERS.incrementAndGet();
    }

    public String addParticipant(String conversationSid, TestUser user) {
        String participantSid = TestEvents.participantSid();
        pool.preparedQuery("INSERT INTO conversation_participants (participant_sid, conversation_sid, identity) VALUES ($1, $2, $3)")
                .execute(Tuple.of(participantSid, conversationSid, user.identity()))
                .await().indefinitely();
        return participantSid;
    }

    /** Appends the event to message_events as the persistence consumer does after storing the message. */
    public void store(Event<MessageData> event) {
        MessageData m = event.data();
        JsonObject payload = new JsonObject(new String(EventJson.write(event), StandardCharsets.UTF_8));
        pool.preparedQuery("""
                INSERT INTO message_events (event_id, type, message_sid, conversation_key, from_number, to_number, payload)
                VALUES ($1, $2, $3, $4, $5, $6, $7)""")
                .execute(Tuple.tuple().addString(event.id()).addString(event.type()).addString(m.messageSid())
                        .addString(ConversationKey.of(m)).addString(m.from()).addString(m.to()).addValue(payload))
                .await().indefinitely();
    }

    /** Deletes an event from the log, as conversation-manager's retention purge or a user's erasure does. */
    public void deleteFromLog(String eventId) {
        pool.preparedQuery("DELETE FROM message_events WHERE event_id = $1").execute(Tuple.of(eventId))
                .await().indefinitely();
    }

    /** Appends a task.completed as conversation-manager's task completion does: for its user, in the photo's chat. */
    public void storeTask(Event<TaskCompletedData> event, String conversationKey) {
        JsonObject payload = new JsonObject(new String(EventJson.write(event), StandardCharsets.UTF_8));
        pool.preparedQuery("""
                INSERT INTO message_events (event_id, type, message_sid, conversation_key, user_id, payload)
                VALUES ($1, $2, $3, $4, $5, $6)""")
                .execute(Tuple.tuple().addString(event.id()).addString(event.type())
                        .addString(event.data().messageSid()).addString(conversationKey)
                        .addLong(event.data().userId()).addValue(payload))
                .await().indefinitely();
    }
}
