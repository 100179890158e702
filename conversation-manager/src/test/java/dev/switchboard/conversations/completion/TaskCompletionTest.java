package dev.switchboard.conversations.completion;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.conversations.testing.Database;
import dev.switchboard.conversations.testing.Messages;
import dev.switchboard.events.ConversationKey;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.MessageData;
import dev.switchboard.events.SendRequestData;
import dev.switchboard.events.TaskCompletedData;
import dev.switchboard.events.Topics;
import dev.switchboard.testing.TestKafka;
import dev.switchboard.testing.TestTokens;
import dev.switchboard.testing.Waits;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TaskCompletionTest {

    private static final Duration QUIET = Duration.ofSeconds(2);

    @Inject
    Database db;

    private long user(String phone) {
        return db.query("INSERT INTO users (username, phone_number) VALUES ('u', $1) RETURNING id", phone)
                .get(0).getLong("id");
    }

    /** A task of the user; null points or due time leave the column null (the default points, never overdue). */
    private long task(long userId, Integer points, OffsetDateTime due) {
        return db.query("INSERT INTO tasks (user_id, description, points, due_time) VALUES ($1, 'Water the plants', "
                + "NULLIF($2, -1), NULLIF($3, 'infinity')::timestamptz) RETURNING id", userId,
                points == null ? -1 : points, due == null ? "infinity" : due.toString()).get(0).getLong("id");
    }

    private static Messages photoFrom(String phone) {
        return Messages.aMessage().from("whatsapp:" + phone).to("whatsapp:+14155238886").body("done!")
                .media("https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1", "image/jpeg");
    }

    private static List<Event<SendRequestData>> repliesTo(String messageSid) {
        return TestKafka.broker().eventsUntilQuiet(Topics.OUTBOUND_MESSAGES, SendRequestData.class,
                e -> messageSid.equals(e.data().inReplyTo()), QUIET);
    }

    private JsonObject awaitTaskStatus(long taskId, String status) {
        return Waits.waitFor("task " + taskId + " " + status)
                .until(() -> db.query("SELECT * FROM tasks WHERE id = $1", taskId).get(0),
                        row -> status.equals(row.getString("status")));
    }

    @Test
    void photoForAnActiveTaskCompletesItOnceWithPostPointsEventAndReply() {
        String phone = Messages.phoneNumber();
        long userId = user(phone);
        long taskId = task(userId, 15, OffsetDateTime.now().plusDays(1));
        Messages photo = photoFrom(phone);

        TestKafka.broker().publishMessageEvent(photo.event(EventTypes.MESSAGE_ADDED));

        awaitTaskStatus(taskId, "completed");
        JsonObject post = db.query("SELECT * FROM feed WHERE task_id = $1", taskId).get(0);
        assertEquals("done!", post.getString("post_content"));
        assertEquals("/feed/" + post.getLong("id") + "/image", post.getString("image_url"));
        assertEquals(15, db.query("SELECT points FROM users WHERE id = $1", userId).get(0).getLong("points"));

        List<Event<SendRequestData>> replies = repliesTo(photo.messageSid());
        assertEquals(1, replies.size(), "one reply: " + replies);
        SendRequestData reply = replies.get(0).data();
        assertEquals("whatsapp:" + phone, reply.to());
        assertEquals("whatsapp", reply.channel());
        assertTrue(reply.body().contains("15 points, 15 in total"), reply.body());

        List<Event<TaskCompletedData>> completed = TestKafka.broker().eventsUntilQuiet(Topics.TASK_EVENTS,
                TaskCompletedData.class, e -> e.data().taskId() == taskId, QUIET);
        assertEquals(1, completed.size());
        assertEquals(userId, completed.get(0).data().userId());
        assertEquals(15, completed.get(0).data().totalPoints());
        List<JsonObject> logged = db.query("SELECT user_id, conversation_key FROM message_events WHERE event_id = $1",
                completed.get(0).id());
        assertEquals(1, logged.size(), "the task event is in the durable log, for streams to resume from");
        assertEquals(userId, logged.get(0).getLong("user_id"));
        assertEquals(ConversationKey.of(photo.event(EventTypes.MESSAGE_ADDED).data()),
                logged.get(0).getString("conversation_key"));

        given().auth().oauth2(TestTokens.user(userId)).get("/feed?limit=50")
                .then().statusCode(200).body("task_id", hasItem((int) taskId));
    }

    @Test
    void twentyDuplicateDeliveriesStillGiveOneOfEach() {
        String phone = Messages.phoneNumber();
        long userId = user(phone);
        long taskId = task(userId, null, null);
        Messages photo = photoFrom(phone);

        TestKafka.broker().publishConcurrently(Topics.MESSAGE_EVENTS, IntStream.range(0, 20)
                .mapToObj(i -> photo.event(EventTypes.MESSAGE_ADDED)).toList());

        awaitTaskStatus(taskId, "completed");
        assertEquals(1, repliesTo(photo.messageSid()).size());
        assertEquals(1, db.query("SELECT count(*) AS n FROM feed WHERE user_id = $1", userId).get(0).getLong("n"));
        assertEquals(1, db.query("SELECT count(*) AS n FROM message_events WHERE user_id = $1", userId).get(0)
                .getLong("n"), "one task event logged");
        assertEquals(10, db.query("SELECT points FROM users WHERE id = $1", userId).get(0).getLong("points"),
                "the default points, awarded once");
    }

    @Test
    void twoPhotosAtTheSameMomentCompleteTheTaskOnce() {
        String phone = Messages.phoneNumber();
        long userId = user(phone);
        long taskId = task(userId, 5, null);
        Messages first = photoFrom(phone);
        Messages second = photoFrom(phone);

        TestKafka.broker().publishConcurrently(Topics.MESSAGE_EVENTS, List.of(first.event(EventTypes.MESSAGE_ADDED),
                second.event(EventTypes.MESSAGE_ADDED)));

        awaitTaskStatus(taskId, "completed");
        List<Event<SendRequestData>> replies = Waits.waitFor("a reply to each photo")
                .until(() -> TestKafka.broker().eventsUntilQuiet(Topics.OUTBOUND_MESSAGES, SendRequestData.class,
                        e -> List.of(first.messageSid(), second.messageSid()).contains(e.data().inReplyTo()), QUIET),
                        found -> found.size() == 2);
        assertEquals(1, replies.stream().filter(r -> r.data().body().startsWith("Task done")).count());
        assertEquals(5, db.query("SELECT points FROM users WHERE id = $1", userId).get(0).getLong("points"));
        assertEquals(1, db.query("SELECT count(*) AS n FROM feed WHERE user_id = $1", userId).get(0).getLong("n"));
    }

    @Test
    void theTaskDueFirstIsCompletedAndAnOverdueOneIsNot() {
        String phone = Messages.phoneNumber();
        long userId = user(phone);
        long overdue = task(userId, 1, OffsetDateTime.now().minusHours(1));
        long later = task(userId, 2, OffsetDateTime.now().plusDays(2));
        long sooner = task(userId, 3, OffsetDateTime.now().plusDays(1));

        TestKafka.broker().publishMessageEvent(photoFrom(phone).event(EventTypes.MESSAGE_ADDED));

        awaitTaskStatus(sooner, "completed");
        assertEquals("active", db.query("SELECT status FROM tasks WHERE id = $1", later).get(0).getString("status"));
        assertEquals("active", db.query("SELECT status FROM tasks WHERE id = $1", overdue).get(0).getString("status"));
    }

    @Test
    void eachOtherCaseGetsItsOwnReplyAndNoCompletion() {
        String withTask = Messages.phoneNumber();
        long taskId = task(user(withTask), 5, null);
        String withoutTask = Messages.phoneNumber();
        user(withoutTask);
        Messages text = Messages.aMessage().from(withTask).to("+15005550006").body("hello?");
        Messages photoWithoutTask = photoFrom(withoutTask);
        Messages stranger = photoFrom(Messages.phoneNumber());

        TestKafka.broker().publishMessageEvent(text.event(EventTypes.MESSAGE_ADDED));
        TestKafka.broker().publishMessageEvent(photoWithoutTask.event(EventTypes.MESSAGE_ADDED));
        TestKafka.broker().publishMessageEvent(stranger.event(EventTypes.MESSAGE_ADDED));

        assertTrue(Waits.waitFor("hint").until(() -> repliesTo(text.messageSid()), r -> r.size() == 1)
                .get(0).data().body().contains("Water the plants"));
        assertTrue(Waits.waitFor("ack").until(() -> repliesTo(photoWithoutTask.messageSid()), r -> r.size() == 1)
                .get(0).data().body().contains("no active task"));
        assertTrue(Waits.waitFor("join hint").until(() -> repliesTo(stranger.messageSid()), r -> r.size() == 1)
                .get(0).data().body().contains("isn't registered"));
        assertEquals(withTask, repliesTo(text.messageSid()).get(0).data().to(), "answered where it came from");
        assertEquals("active", db.query("SELECT status FROM tasks WHERE id = $1", taskId).get(0).getString("status"));
    }

    @Test
    void aConversationMessageFromOurOwnBotIsNeverAnswered() {
        Messages bot = Messages.aMessage().inConversation("CH" + System.nanoTime(), "switchboard").body("Task done!");

        TestKafka.broker().publishMessageEvent(bot.event(EventTypes.MESSAGE_ADDED));

        awaitHandled(bot);
        assertNoReplyTo(bot, "no reply loop with our own bot");
    }

    @Test
    void aMessageSwitchboardSentIsNeverAnsweredNorCompletesATask() {
        String phone = Messages.phoneNumber();
        long taskId = task(user(phone), 5, null);
        Messages sent = Messages.aMessage().outbound().from("+15550000100").to(phone).body("Here is the photo")
                .media("https://example.com/done.jpg", "image/jpeg");
        Messages marker = Messages.aMessage().from(phone).to("+15550000100").body("hello?");

        TestKafka.broker().publishMessageEvent(sent.event(EventTypes.MESSAGE_ADDED));
        TestKafka.broker().publishMessageEvent(marker.event(EventTypes.MESSAGE_ADDED));

        awaitHandled(marker);
        assertNoReplyTo(sent, "no reply to our own outbound message");
        assertEquals(0, db.query("SELECT 1 FROM processed_events WHERE event_id = $1", sent.messageSid()).size());
        assertEquals("active", db.query("SELECT status FROM tasks WHERE id = $1", taskId).get(0).getString("status"));
    }

    @Test
    void ordinaryChatInAGigConversationIsNeverAnswered() {
        String conversation = Messages.sid("CH");
        String identity = "chatter-" + System.nanoTime();
        long withTask = chatUser(identity, conversation);
        long taskId = task(withTask, 5, null);
        String idle = "idle-" + System.nanoTime();
        chatUser(idle, conversation);
        Messages chat = Messages.aMessage().inConversation(conversation, identity).body("See you at 9?");
        Messages idlePhoto = Messages.aMessage().inConversation(conversation, idle).body("look")
                .media("https://mcs.us1.twilio.com/v1/Services/IS1/Media/ME1", "image/png");

        TestKafka.broker().publishMessageEvent(chat.event(EventTypes.MESSAGE_ADDED));
        TestKafka.broker().publishMessageEvent(idlePhoto.event(EventTypes.MESSAGE_ADDED));
        awaitHandled(chat, idlePhoto);

        assertNoReplyTo(chat, "no hint into a group chat");
        assertNoReplyTo(idlePhoto, "no 'no active task' into a group chat");
        assertEquals("active", db.query("SELECT status FROM tasks WHERE id = $1", taskId).get(0).getString("status"));
    }

    @Test
    void aParticipantsPhotoInAGigConversationCompletesTheirTaskWithOneConfirmation() {
        String conversation = Messages.sid("CH");
        String identity = "worker-" + System.nanoTime();
        long userId = chatUser(identity, conversation);
        long taskId = task(userId, 7, null);
        Messages photo = Messages.aMessage().inConversation(conversation, identity).body("all done")
                .media("https://mcs.us1.twilio.com/v1/Services/IS1/Media/ME2", "image/jpeg");

        TestKafka.broker().publishMessageEvent(photo.event(EventTypes.MESSAGE_ADDED));

        awaitTaskStatus(taskId, "completed");
        List<Event<SendRequestData>> replies = repliesTo(photo.messageSid());
        assertEquals(1, replies.size(), "one confirmation: " + replies);
        assertEquals(conversation, replies.get(0).data().conversationSid());
        assertTrue(replies.get(0).data().body().startsWith("Task done"), replies.get(0).data().body());
    }

    @Test
    void aPhotoInAConversationTheAuthorWasRemovedFromOrNeverJoinedCompletesNothing() {
        String conversation = Messages.sid("CH");
        String removed = "removed-" + System.nanoTime();
        long removedUser = chatUser(removed, conversation);
        db.query("UPDATE conversation_participants SET removed_at = now() WHERE identity = $1", removed);
        long removedTask = task(removedUser, 5, null);
        String outsider = "outsider-" + System.nanoTime();
        long outsiderTask = task(db.query("INSERT INTO users (username, chat_identity) VALUES ('o', $1) RETURNING id",
                outsider).get(0).getLong("id"), 5, null);

        for (String author : List.of(removed, outsider)) {
            Messages photo = Messages.aMessage().inConversation(conversation, author).body("mine")
                    .media("https://mcs.us1.twilio.com/v1/Services/IS1/Media/ME3", "image/jpeg");
            TestKafka.broker().publishMessageEvent(photo.event(EventTypes.MESSAGE_ADDED));
            awaitHandled(photo);
            assertNoReplyTo(photo);
        }

        assertEquals("active", db.query("SELECT status FROM tasks WHERE id = $1", removedTask).get(0).getString("status"));
        assertEquals("active", db.query("SELECT status FROM tasks WHERE id = $1", outsiderTask).get(0).getString("status"));
    }

    @Test
    void theBotAndSystemAuthorsAreNeverActedOnWhateverTheirRows() {
        String conversation = Messages.sid("CH");
        // Rows written before identities were validated: the reserved names must not count as users.
        for (String reserved : List.of("SwitchBoard", "system")) {
            db.query("DELETE FROM users WHERE lower(chat_identity) = lower($1)", reserved);
            long userId = chatUser(reserved, conversation);
            long taskId = task(userId, 5, null);
            Messages photo = Messages.aMessage().inConversation(conversation, reserved).body("me")
                    .media("https://mcs.us1.twilio.com/v1/Services/IS1/Media/ME4", "image/jpeg");

            TestKafka.broker().publishMessageEvent(photo.event(EventTypes.MESSAGE_ADDED));
            awaitHandled(photo);

            assertNoReplyTo(photo);
            assertEquals("active", db.query("SELECT status FROM tasks WHERE id = $1", taskId).get(0).getString("status"));
            db.query("DELETE FROM conversation_participants WHERE identity = $1", reserved);
            db.query("DELETE FROM tasks WHERE user_id = $1", userId);
            db.query("DELETE FROM users WHERE id = $1", userId);
        }
    }

    @Test
    void aDirectSenderGetsAtMostOneHintPerInterval() {
        String phone = Messages.phoneNumber();
        task(user(phone), 5, null);
        Messages first = Messages.aMessage().from(phone).to("+15005550006").body("hi");
        Messages second = Messages.aMessage().from(phone).to("+15005550006").body("hello??");
        Messages stranger = Messages.aMessage().from(Messages.phoneNumber()).to("+15005550006").body("who?");
        Messages strangerAgain = Messages.aMessage().from(stranger.from()).to("+15005550006").body("hello?");

        for (Messages message : List.of(first, second, stranger, strangerAgain)) {
            TestKafka.broker().publishMessageEvent(message.event(EventTypes.MESSAGE_ADDED));
        }

        Waits.waitFor("the first hint").until(() -> repliesTo(first.messageSid()), r -> r.size() == 1);
        Waits.waitFor("the stranger's first hint").until(() -> repliesTo(stranger.messageSid()), r -> r.size() == 1);
        awaitHandled(second, strangerAgain);
        assertNoReplyTo(second, "a second hint within the hour");
        assertNoReplyTo(strangerAgain, "a second join hint within the hour");
    }

    @Test
    void aPhotoThatCannotBeStoredIsDeadLetteredAloneAndTheRestOfItsPollIsAnswered() {
        String phone = Messages.phoneNumber();
        long taskId = task(user(phone), 5, null);
        String poisonPhone = Messages.phoneNumber();
        long poisonTaskId = task(user(poisonPhone), 5, null);
        Messages photo = photoFrom(phone);
        // PostgreSQL refuses a NUL character in text: the feed post of this photo can never be written.
        Messages poison = photoFrom(poisonPhone).body("done\u0000");
        Messages stranger = Messages.aMessage().from(Messages.phoneNumber()).to("+15005550006").body("who?");
        Event<MessageData> poisonEvent = poison.event(EventTypes.MESSAGE_ADDED);

        TestKafka.broker().publishConcurrently(Topics.MESSAGE_EVENTS, List.of(photo.event(EventTypes.MESSAGE_ADDED),
                poisonEvent, stranger.event(EventTypes.MESSAGE_ADDED)));

        awaitTaskStatus(taskId, "completed");
        Waits.waitFor("the stranger's hint").until(() -> repliesTo(stranger.messageSid()), r -> r.size() == 1);
        assertEquals(1, repliesTo(photo.messageSid()).size());
        try (TestKafka.Reader dlq = TestKafka.broker().fromBeginning(Topics.MESSAGE_EVENTS_DLQ)) {
            List<ConsumerRecord<String, byte[]>> letters = dlq.awaitMatches(
                    "dead letters of the poison photo, by persistence and by task completion",
                    letter -> poisonEvent.subject().equals(letter.key())
                            && new String(letter.value(), StandardCharsets.UTF_8).contains(poisonEvent.id()),
                    2, Waits.PATIENCE);
            assertEquals(2, letters.size(), "dead-lettered once by each group: " + letters);
        }
        assertEquals("active", db.query("SELECT status FROM tasks WHERE id = $1", poisonTaskId).get(0)
                .getString("status"));
        assertNoReplyTo(poison, "the poison photo's transaction rolled back, its reply with it");
    }

    /** A user who takes part in {@code conversationSid} by chat identity; returns their id. */
    private long chatUser(String identity, String conversationSid) {
        long userId = db.query("INSERT INTO users (username, chat_identity) VALUES ('c', $1) RETURNING id", identity)
                .get(0).getLong("id");
        db.query("INSERT INTO conversation_participants (participant_sid, conversation_sid, identity, added_at) "
                + "VALUES ($1, $2, $3, now())", Messages.sid("MB"), conversationSid, identity);
        return userId;
    }

    /**
     * No reply was queued: replies enter the outbox in the transaction that marks the message handled, so once
     * {@link #awaitHandled} saw that, the outbox holds every reply there will ever be.
     */
    private void assertNoReplyTo(Messages message, String... why) {
        assertEquals(0, db.query("SELECT count(*) AS n FROM outbox WHERE record_key = $1",
                "reply-" + message.messageSid()).get(0).getLong("n"), String.join(" ", why));
    }

    /** Waits until the task-completion consumer has handled (and committed) each of these messages. */
    private void awaitHandled(Messages... messages) {
        for (Messages message : messages) {
            Waits.waitFor(message.messageSid())
                    .until(() -> db.query("SELECT 1 FROM processed_events WHERE consumer = 'task-completion' "
                    + "AND event_id = $1", message.messageSid()),
                            rows -> rows.size() == 1);
        }
    }

    @Test
    void feedRequiresASignedInUser() {
        given().get("/feed").then().statusCode(401);
        given().auth().oauth2(TestTokens.user(1)).get("/feed?limit=0").then().statusCode(400)
                .contentType("application/problem+json");
    }
}
