package dev.switchboard.conversations.completion;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.conversations.testing.Database;
import dev.switchboard.conversations.testing.Eventually;
import dev.switchboard.conversations.testing.MessageEventsTopic;
import dev.switchboard.conversations.testing.Messages;
import dev.switchboard.events.ConversationKey;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.MessageData;
import dev.switchboard.events.SendRequestData;
import dev.switchboard.events.TaskCompletedData;
import dev.switchboard.events.Topics;
import dev.switchboard.stack.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.IntStream;
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
        return TopicRecords.read(Topics.OUTBOUND_MESSAGES, SendRequestData.class,
                e -> messageSid.equals(e.data().inReplyTo()), QUIET);
    }

    private JsonObject awaitTaskStatus(long taskId, String status) {
        return Eventually.await(() -> db.query("SELECT * FROM tasks WHERE id = $1", taskId).get(0),
                row -> status.equals(row.getString("status")), "task " + taskId + " " + status);
    }

    @Test
    void photoForAnActiveTaskCompletesItOnceWithPostPointsEventAndReply() {
        String phone = Messages.phoneNumber();
        long userId = user(phone);
        long taskId = task(userId, 15, OffsetDateTime.now().plusDays(1));
        Messages photo = photoFrom(phone);

        MessageEventsTopic.publish(photo.event(EventTypes.MESSAGE_ADDED));

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

        List<Event<TaskCompletedData>> completed = TopicRecords.read(Topics.TASK_EVENTS, TaskCompletedData.class,
                e -> e.data().taskId() == taskId, QUIET);
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

        MessageEventsTopic.publishConcurrently(IntStream.range(0, 20)
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

        MessageEventsTopic.publishConcurrently(List.of(first.event(EventTypes.MESSAGE_ADDED),
                second.event(EventTypes.MESSAGE_ADDED)));

        awaitTaskStatus(taskId, "completed");
        List<Event<SendRequestData>> replies = Eventually.await(
                () -> TopicRecords.read(Topics.OUTBOUND_MESSAGES, SendRequestData.class,
                        e -> List.of(first.messageSid(), second.messageSid()).contains(e.data().inReplyTo()), QUIET),
                found -> found.size() == 2, "a reply to each photo");
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

        MessageEventsTopic.publish(photoFrom(phone).event(EventTypes.MESSAGE_ADDED));

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

        MessageEventsTopic.publish(text.event(EventTypes.MESSAGE_ADDED));
        MessageEventsTopic.publish(photoWithoutTask.event(EventTypes.MESSAGE_ADDED));
        MessageEventsTopic.publish(stranger.event(EventTypes.MESSAGE_ADDED));

        assertTrue(Eventually.await(() -> repliesTo(text.messageSid()), r -> r.size() == 1, "hint")
                .get(0).data().body().contains("Water the plants"));
        assertTrue(Eventually.await(() -> repliesTo(photoWithoutTask.messageSid()), r -> r.size() == 1, "ack")
                .get(0).data().body().contains("no active task"));
        assertTrue(Eventually.await(() -> repliesTo(stranger.messageSid()), r -> r.size() == 1, "join hint")
                .get(0).data().body().contains("isn't registered"));
        assertEquals(withTask, repliesTo(text.messageSid()).get(0).data().to(), "answered where it came from");
        assertEquals("active", db.query("SELECT status FROM tasks WHERE id = $1", taskId).get(0).getString("status"));
    }

    @Test
    void aConversationMessageFromOurOwnBotIsNeverAnswered() {
        Messages bot = Messages.aMessage().inConversation("CH" + System.nanoTime(), "switchboard").body("Task done!");
        Messages marker = Messages.aMessage().from(Messages.phoneNumber()).to("+15005550006").body("marker");

        MessageEventsTopic.publish(bot.event(EventTypes.MESSAGE_ADDED));
        MessageEventsTopic.publish(marker.event(EventTypes.MESSAGE_ADDED));

        Eventually.await(() -> repliesTo(marker.messageSid()), r -> r.size() == 1, "the marker's reply");
        assertEquals(List.of(), repliesTo(bot.messageSid()), "no reply loop with our own bot");
    }

    @Test
    void feedRequiresASignedInUser() {
        given().get("/feed").then().statusCode(401);
        given().auth().oauth2(TestTokens.user(1)).get("/feed?limit=0").then().statusCode(400)
                .contentType("application/problem+json");
    }
}
