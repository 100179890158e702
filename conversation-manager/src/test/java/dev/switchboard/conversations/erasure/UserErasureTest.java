package dev.switchboard.conversations.erasure;

import static dev.switchboard.conversations.testing.Messages.aMessage;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.conversations.testing.Database;
import dev.switchboard.conversations.testing.Messages;
import dev.switchboard.testing.StandIn;
import dev.switchboard.conversations.testing.Users;
import dev.switchboard.events.EventTypes;
import dev.switchboard.testing.TestKafka;
import dev.switchboard.testing.TestTokens;
import dev.switchboard.testing.Waits;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Erasure of one user, on data stored the normal way (Kafka events, the media pipeline, task completion): before and
 * after through the APIs, then table by table, including what must stay (another participant's messages).
 */
@QuarkusTest
class UserErasureTest {

    private static final String SERVICE_NUMBER = "+15005550006";

    @Inject
    Database db;

    @Test
    void erasureRemovesTheUsersRowsEverywhereAndKeepsOtherParticipantsMessages() {
        String phone = Messages.phoneNumber();
        String identity = "erased-" + UUID.randomUUID();
        long userId = Users.create(phone, identity);
        String otherPhone = Messages.phoneNumber();
        long otherId = Users.create(otherPhone, "other-" + UUID.randomUUID());

        // A direct text (answered with a hint: bot_hints), a reply sent to them, a photo completing a task (media,
        // feed, task event), and a gig conversation they take part in and write to, beside another member.
        Messages text = aMessage().from("whatsapp:" + phone).to("whatsapp:" + SERVICE_NUMBER).body("what now?");
        TestKafka.broker().publishMessageEvent(text.event(EventTypes.MESSAGE_ADDED));
        db.awaitMessage(text.messageSid());
        Waits.waitFor("hint to " + phone)
                .until(() -> db.query("SELECT 1 FROM bot_hints WHERE address = $1", phone), r -> r.size() == 1);
        Messages reply = aMessage().outbound().from(SERVICE_NUMBER).to(phone).body("hi there");
        TestKafka.broker().publishMessageEvent(reply.event(EventTypes.MESSAGE_ADDED));
        long taskId = db.query("INSERT INTO tasks (user_id, description, points) VALUES ($1, 'Water the plants', 5) "
                + "RETURNING id", userId).get(0).getLong("id");
        String mediaSid = Messages.sid("ME");
        StandIn.putMedia(mediaSid, "image/jpeg", jpeg());
        Messages photo = aMessage().from("whatsapp:" + phone).to("whatsapp:" + SERVICE_NUMBER).body("done!");
        photo.media(StandIn.mediaUrl(photo.messageSid(), mediaSid), "image/jpeg");
        TestKafka.broker().publishMessageEvent(photo.event(EventTypes.MESSAGE_ADDED));
        String gig = Messages.sid("CH");
        TestKafka.broker().publishMessageEvent(
                aMessage().participant(gig, identity, null).event("conversation.onParticipantAdded"));
        TestKafka.broker().publishMessageEvent(
                aMessage().participant(gig, "owner-" + gig, null).event("conversation.onParticipantAdded"));
        Messages mine = aMessage().inConversation(gig, identity).body("on my way");
        Messages theirs = aMessage().inConversation(gig, "owner-" + gig).body("see you");
        TestKafka.broker().publishMessageEvent(mine.event(EventTypes.MESSAGE_ADDED));
        TestKafka.broker().publishMessageEvent(theirs.event(EventTypes.MESSAGE_ADDED));
        db.awaitMessage(reply.messageSid());
        db.awaitMessage(theirs.messageSid());
        Waits.waitFor("media of " + photo.messageSid())
                .until(() -> db.message(photo.messageSid()),
                        r -> r != null && "stored".equals(r.getString("media_status")));
        Waits.waitFor("feed post")
                .until(() -> db.query("SELECT 1 FROM feed WHERE task_id = $1", taskId), r -> r.size() == 1);
        // message-sender's outbound log (its own table): a send to the user's WhatsApp number.
        UUID outbound = UUID.randomUUID();
        db.execute("INSERT INTO outbound_messages (id, idempotency_key, channel, to_address, body, state) "
                + "VALUES ($1, $2, 'whatsapp', $3, 'hi', 'sent')", outbound, "key-" + outbound, "whatsapp:" + phone);
        UUID othersOutbound = UUID.randomUUID();
        db.execute("INSERT INTO outbound_messages (id, idempotency_key, channel, to_address, body, state) "
                + "VALUES ($1, $2, 'sms', $3, 'hi', 'sent')", othersOutbound, "key-" + othersOutbound, otherPhone);

        long photoId = db.message(photo.messageSid()).getLong("id");
        given().auth().oauth2(TestTokens.user(userId)).get("/messages/{id}/media/0", photoId).then().statusCode(200);
        given().auth().oauth2(TestTokens.user(userId)).queryParam("limit", 100).get("/messages")
                .then().statusCode(200)
                .body("message_sid", hasItems(text.messageSid(), reply.messageSid(), photo.messageSid()));
        String mineEventId = db.query("SELECT event_id FROM message_events WHERE message_sid = $1 ORDER BY seq",
                mine.messageSid()).get(0).getString("event_id");
        assertEquals(1, db.query("SELECT 1 FROM message_events WHERE user_id = $1", userId).size(), "task event");

        // Who may erase, and whom.
        given().auth().oauth2(TestTokens.user(userId)).post("/users/{id}/erasure", userId)
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.serviceRole()).post("/users/{id}/erasure", 999_999_999L)
                .then().statusCode(404).contentType("application/problem+json").body("reason", equalTo("user-not-found"));

        JsonPath erased = given().auth().oauth2(TestTokens.serviceRole()).post("/users/{id}/erasure", userId)
                .then().statusCode(200).extract().jsonPath();

        assertEquals(userId, erased.getLong("user_id"));
        Map<String, Object> removed = erased.getMap("removed");
        assertEquals(4, number(removed, "messages"), "text, reply, photo, own conversation message: " + removed);
        assertEquals(1, number(removed, "media_objects"));
        assertEquals(1, number(removed, "conversation_participants"));
        assertEquals(1, number(removed, "outbound_messages"));
        assertEquals(1, number(removed, "feed"));
        assertEquals(1, number(removed, "tasks"));
        assertEquals(1, number(removed, "bot_hints"));
        assertEquals(1, number(removed, "users"));
        assertTrue(number(removed, "message_events") >= 6,
                "the four messages' events, the task event and their joining: " + removed);

        // Through the APIs: nothing of theirs; the other member's message stays readable.
        given().auth().oauth2(TestTokens.serviceRole()).get("/messages/{id}/media/0", photoId)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.serviceRole()).get("/messages/{id}", photoId).then().statusCode(404);
        given().auth().oauth2(TestTokens.user(userId)).queryParam("limit", 100).get("/messages")
                .then().statusCode(200).body("message_sid", equalTo(List.of()));
        JsonPath history = given().auth().oauth2(TestTokens.serviceRole()).get("/conversations/{key}/messages", gig)
                .then().statusCode(200).extract().jsonPath();
        // Left: the other member's joining and message; their own joining went with their participation.
        assertEquals(java.util.Arrays.asList(null, theirs.messageSid()), history.getList("events.message.message_sid"));
        assertEquals(List.of("conversation.onParticipantAdded", EventTypes.MESSAGE_ADDED), history.getList("events.type"));
        given().auth().oauth2(TestTokens.serviceRole()).queryParam("after", mineEventId)
                .get("/conversations/{key}/messages", gig)
                .then().statusCode(400).body("reason", equalTo("unknown-cursor"));

        // Table by table.
        for (Messages gone : List.of(text, reply, photo, mine)) {
            assertNull(db.message(gone.messageSid()), gone.messageSid());
            assertEquals(0, db.query("SELECT 1 FROM message_events WHERE message_sid = $1", gone.messageSid()).size());
            assertEquals(0, db.query("SELECT 1 FROM media_objects WHERE message_sid = $1", gone.messageSid()).size());
        }
        assertNotNull(db.message(theirs.messageSid()));
        assertEquals(1, db.query("SELECT 1 FROM message_events WHERE message_sid = $1", theirs.messageSid()).size());
        assertEquals(0, db.query("SELECT 1 FROM message_events WHERE user_id = $1", userId).size());
        assertEquals(0, db.query("SELECT 1 FROM conversation_participants WHERE identity = $1", identity).size());
        assertEquals(1, db.query("SELECT 1 FROM conversation_participants WHERE identity = $1", "owner-" + gig).size());
        assertEquals(0, db.query("SELECT 1 FROM outbound_messages WHERE id = $1", outbound).size());
        assertEquals(1, db.query("SELECT 1 FROM outbound_messages WHERE id = $1", othersOutbound).size());
        assertEquals(0, db.query("SELECT 1 FROM feed WHERE user_id = $1", userId).size());
        assertEquals(0, db.query("SELECT 1 FROM tasks WHERE user_id = $1", userId).size());
        assertEquals(0, db.query("SELECT 1 FROM bot_hints WHERE address = $1", phone).size());
        JsonObject user = db.query("SELECT * FROM users WHERE id = $1", userId).get(0);
        assertNull(user.getString("phone_number"));
        assertNull(user.getString("chat_identity"));
        assertNull(user.getString("username"));
        assertNotNull(user.getValue("erased_at"));
        assertEquals(otherPhone, db.query("SELECT phone_number FROM users WHERE id = $1", otherId).get(0)
                .getString("phone_number"));

        // Again: the same answer, nothing left to remove.
        Map<String, Object> again = given().auth().oauth2(TestTokens.serviceRole()).post("/users/{id}/erasure", userId)
                .then().statusCode(200).extract().jsonPath().getMap("removed");
        assertTrue(again.values().stream().allMatch(n -> ((Number) n).longValue() == 0), "again: " + again);
    }

    private static long number(Map<String, Object> removed, String table) {
        return ((Number) removed.get(table)).longValue();
    }

    private static byte[] jpeg() {
        byte[] bytes = new byte[5_000];
        new Random().nextBytes(bytes);
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xD8;
        bytes[2] = (byte) 0xFF;
        bytes[3] = (byte) 0xE0;
        return bytes;
    }
}
