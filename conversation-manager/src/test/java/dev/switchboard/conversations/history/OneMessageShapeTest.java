package dev.switchboard.conversations.history;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.switchboard.conversations.testing.Database;
import dev.switchboard.conversations.testing.Messages;
import dev.switchboard.testing.StandIn;
import dev.switchboard.conversations.testing.Users;
import dev.switchboard.events.ConversationKey;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventSources;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.MediaItem;
import dev.switchboard.events.MessageData;
import dev.switchboard.testing.TestKafka;
import dev.switchboard.testing.TestTokens;
import dev.switchboard.testing.Waits;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * One message, five ways to read it: {@code GET /messages}, {@code /messages/{sid}}, {@code /messages/{id}},
 * {@code /me/messages} and the conversation's history. Every one answers the same {@code ClientMessage}: the same
 * members and the same values, so a client renders a message the same whichever API (or the stream) it came from.
 */
@QuarkusTest
class OneMessageShapeTest {

    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A };
    /** Known only to the stored row, never to an event (the stream, history): where media bytes are and how far. */
    private static final List<String> ROW_ONLY = List.of("media_status", "storage_urls");

    @Inject
    Database database;

    @Test
    void everyApiAnswersTheSameMessageAsTheHistorysEvent() {
        String user = Messages.phoneNumber();
        String token = TestTokens.user(Users.create(user, null));
        byte[] image = image();
        Event<MessageData> added = inboundSmsWithImage(user, image);
        String sid = added.data().messageSid();
        TestKafka.broker().publishMessageEvent(added);
        JsonObject row = Waits.waitFor("media of " + sid)
                .until(() -> database.message(sid),
                        stored -> stored != null && "stored".equals(stored.getString("media_status")));

        Map<String, Object> fromList = listed(token, "/messages", sid);
        Map<String, Object> bySid = given().auth().oauth2(token).when().get("/messages/{id}", sid)
                .then().statusCode(200).extract().jsonPath().getMap("");
        Map<String, Object> byRowId = given().auth().oauth2(token).when().get("/messages/{id}", row.getLong("id"))
                .then().statusCode(200).extract().jsonPath().getMap("");
        Map<String, Object> mine = listed(token, "/me/messages", sid);
        Map<String, Object> inHistory = historyMessage(token, ConversationKey.of(added.data()), added.id());

        for (Map<String, Object> other : List.of(bySid, byRowId, mine)) {
            assertEquals(fromList, other);
        }
        assertEquals(fromList.keySet(), inHistory.keySet(), "one set of members everywhere");
        assertEquals(withoutRowOnly(fromList), withoutRowOnly(inHistory));

        String mediaUrl = "/messages/" + sid + "/media/0";
        assertEquals(sid, fromList.get("message_sid"));
        assertEquals(added.id(), fromList.get("cursor"), "the cursor is the id of the event that made the row");
        assertEquals("2026-01-01T00:00:00Z", fromList.get("created_at"), "Twilio's DateCreated, as the event gave it");
        assertEquals("received", fromList.get("status"));
        assertEquals("inbound", fromList.get("direction"));
        assertEquals("sms", fromList.get("channel"));
        assertEquals(1, fromList.get("num_media"));
        assertEquals(Map.of("index", 0, "content_type", "image/png", "url", mediaUrl),
                withoutNulls(((List<Map<String, Object>>) fromList.get("media_items")).get(0)));
        assertEquals("stored", fromList.get("media_status"));
        assertEquals(List.of(mediaUrl), fromList.get("storage_urls"));
        assertNull(inHistory.get("media_status"), "an event does not know where media went");
        assertEquals(List.of(), inHistory.get("storage_urls"));
        assertArrayEquals(image, given().auth().oauth2(token).when().get(mediaUrl)
                .then().statusCode(200).contentType("image/png").extract().asByteArray());
    }

    /** Another user's message is, on every path, exactly what a message that does not exist is. */
    @Test
    void anotherUsersSidAnswersLikeAMissingOne() {
        String owner = Messages.phoneNumber();
        Users.create(owner, null);
        String stranger = TestTokens.user(Users.create(Messages.phoneNumber(), null));
        Event<MessageData> added = inboundSmsWithImage(owner, image());
        String sid = added.data().messageSid();
        TestKafka.broker().publishMessageEvent(added);
        long id = database.awaitMessage(sid).getLong("id");
        String missing = Messages.sid("SM");

        for (String path : List.of("/messages/{id}", "/messages/{id}/media/0")) {
            JsonPath foreign = notFound(stranger, path, sid);
            JsonPath none = notFound(stranger, path, missing);
            assertEquals(none.getString("reason"), foreign.getString("reason"));
            assertEquals(none.getString("detail").replace(missing, "?"), foreign.getString("detail").replace(sid, "?"));
            assertEquals("message-not-found", notFound(stranger, path, String.valueOf(id)).getString("reason"));
        }
        for (String list : List.of("/messages", "/me/messages")) {
            given().auth().oauth2(stranger).queryParam("limit", 100).when().get(list)
                    .then().statusCode(200).body("message_sid", not(hasItem(sid)));
        }
        String foreignKey = ConversationKey.of(added.data());
        String missingKey = Messages.phoneNumber() + "|" + Messages.phoneNumber();
        for (String key : List.of(foreignKey, missingKey)) {
            given().auth().oauth2(stranger).when().get("/conversations/{key}/messages", key)
                    .then().statusCode(403).contentType("application/problem+json")
                    .body("reason", equalTo("not-a-participant"));
        }
    }

    @Test
    void theServiceRoleHasNoMessagesOfItsOwn() {
        given().auth().oauth2(TestTokens.serviceRole()).when().get("/me/messages")
                .then().statusCode(403).contentType("application/problem+json")
                .body("reason", equalTo("user-only"));
        given().auth().oauth2(TestTokens.user(Users.create(Messages.phoneNumber(), null)))
                .queryParam("limit", 101).when().get("/me/messages").then().statusCode(200);
        given().auth().oauth2(TestTokens.user(Users.create(Messages.phoneNumber(), null)))
                .queryParam("offset", 10_001).when().get("/me/messages")
                .then().statusCode(400).contentType("application/problem+json");
    }

    /** As webhook-ingest's MessagingEvents builds an incoming SMS with one MediaUrl, plus a DateCreated. */
    private static Event<MessageData> inboundSmsWithImage(String from, byte[] image) {
        String sid = Messages.sid("MM");
        String mediaSid = Messages.sid("ME");
        StandIn.putMedia(mediaSid, "image/png", image);
        String url = StandIn.mediaUrl(sid, mediaSid);
        String to = Messages.phoneNumber();
        Map<String, String> params = new HashMap<>(Map.of("MessageSid", sid, "From", from, "To", to, "Body", "look",
                "NumMedia", "1", "MediaUrl0", url, "MediaContentType0", "image/png", "SmsStatus", "received"));
        MessageData data = new MessageData(sid, StandIn.ACCOUNT_SID, null, null, "sms", from, to, null, "look", null,
                null, null, List.of(new MediaItem(null, url, "image/png", null, null)), "received", null, null,
                Instant.parse("2026-01-01T00:00:00Z"), null, params);
        return Event.of(EventTypes.MESSAGE_ADDED, EventSources.MESSAGING, ConversationKey.of(data), data);
    }

    private static Map<String, Object> listed(String token, String path, String sid) {
        List<Map<String, Object>> messages = given().auth().oauth2(token).queryParam("limit", 100).when().get(path)
                .then().statusCode(200).extract().jsonPath().getList("");
        List<Map<String, Object>> found = messages.stream().filter(m -> sid.equals(m.get("message_sid"))).toList();
        assertEquals(1, found.size(), path + " lists " + sid + " once");
        return found.get(0);
    }

    private static Map<String, Object> historyMessage(String token, String key, String eventId) {
        JsonPath page = given().auth().oauth2(token).queryParam("limit", 100)
                .when().get("/conversations/{key}/messages", key)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(eventId), page.getList("events.id"), "message.added is the message's only event");
        assertEquals(EventTypes.MESSAGE_ADDED, page.getString("events[0].type"));
        assertNotNull(page.getString("events[0].occurred_at"));
        return page.getMap("events[0].message");
    }

    private static JsonPath notFound(String token, String path, String id) {
        return given().auth().oauth2(token).when().get(path, id)
                .then().statusCode(404).contentType("application/problem+json").extract().jsonPath();
    }

    private static Map<String, Object> withoutRowOnly(Map<String, Object> message) {
        Map<String, Object> copy = new HashMap<>(message);
        ROW_ONLY.forEach(copy::remove);
        return copy;
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> map) {
        Map<String, Object> copy = new HashMap<>(map);
        copy.values().removeIf(java.util.Objects::isNull);
        return copy;
    }

    /** Random bytes behind a PNG signature, so that a byte-exact comparison means something. */
    private static byte[] image() {
        byte[] bytes = new byte[5_000];
        new Random().nextBytes(bytes);
        System.arraycopy(PNG, 0, bytes, 0, PNG.length);
        return bytes;
    }
}
