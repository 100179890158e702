package dev.switchboard.conversations.history;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.switchboard.conversations.testing.Database;
import dev.switchboard.conversations.testing.Messages;
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
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Messages Switchboard sends are messages: message-sender announces each SMS/WhatsApp send Twilio accepted as a
 * {@code message.added} (source message-sender, direction outbound), and Twilio's status callbacks arrive as
 * webhook-ingest's {@code message.status}. The events here are built as those two services build them.
 */
@QuarkusTest
class SentMessagesTest {

    private static final String SWITCHBOARD = "+15550000100";

    @Inject
    Database database;

    @Test
    void aMessageSwitchboardSentIsInHistoryAsOutboundWithItsBodyAndFollowsTwilioToDelivered() {
        String user = Messages.phoneNumber();
        long userId = Users.create(user, null);
        String sid = Messages.sid("SM");

        TestKafka.broker().publishMessageEvent(sent(sid, user, "Task done: +10 points", "queued",
                List.of("https://example.com/done.jpg")));
        database.awaitMessage(sid);
        given().auth().oauth2(TestTokens.user(userId)).when().get("/messages/{id}", idOf(sid))
                .then().statusCode(200)
                .body("direction", equalTo("outbound"))
                .body("body", equalTo("Task done: +10 points"))
                .body("from_number", equalTo(SWITCHBOARD))
                .body("to_number", equalTo(user))
                .body("status", equalTo("queued"))
                .body("num_media", equalTo(1))
                // Every API and the stream name an item by Switchboard's path of it, never the sender's URL.
                .body("media_items[0].url", equalTo("/messages/" + sid + "/media/0"))
                .body("media_status", equalTo("none"));

        TestKafka.broker().publishMessageEvent(status(sid, user, "sent"));
        TestKafka.broker().publishMessageEvent(status(sid, user, "delivered"));
        Waits.waitFor("delivered")
                .until(() -> database.message(sid), row -> "delivered".equals(row.getString("status")));

        given().auth().oauth2(TestTokens.user(userId)).queryParam("limit", 100).when().get("/messages")
                .then().statusCode(200)
                .body("findAll { it.message_sid == '%s' }".formatted(sid), hasSize(1))
                .body("find { it.message_sid == '%s' }.status".formatted(sid), equalTo("delivered"))
                .body("find { it.message_sid == '%s' }.direction".formatted(sid), equalTo("outbound"))
                .body("find { it.message_sid == '%s' }.body".formatted(sid), equalTo("Task done: +10 points"));
    }

    @Test
    void aStatusCallbackBeforeItsMessageNeverShowsAsABodilessMessage() {
        String user = Messages.phoneNumber();
        long userId = Users.create(user, null);
        String sid = Messages.sid("SM");

        TestKafka.broker().publishMessageEvent(status(sid, user, "delivered"));
        JsonObject placeholder = Waits.waitFor("placeholder row")
                .until(() -> database.message(sid), row -> row != null);
        assertNull(placeholder.getValue("added_at"));
        assertNull(placeholder.getValue("body"));

        given().auth().oauth2(TestTokens.user(userId)).queryParam("limit", 100).when().get("/messages")
                .then().statusCode(200).body("message_sid", not(hasItem(sid)));
        given().auth().oauth2(TestTokens.serviceRole()).queryParam("from_number", SWITCHBOARD).queryParam("limit", 100)
                .when().get("/messages")
                .then().statusCode(200).body("message_sid", not(hasItem(sid)));
        given().auth().oauth2(TestTokens.user(userId)).when().get("/messages/{id}", placeholder.getLong("id"))
                .then().statusCode(404);

        TestKafka.broker().publishMessageEvent(sent(sid, user, "on my way", "queued", List.of()));
        Waits.waitFor("the add").until(() -> database.message(sid), row -> row.getValue("added_at") != null);

        given().auth().oauth2(TestTokens.user(userId)).when().get("/messages/{id}", placeholder.getLong("id"))
                .then().statusCode(200)
                .body("body", equalTo("on my way"))
                .body("direction", equalTo("outbound"))
                .body("status", equalTo("delivered"));
    }

    @Test
    void aMessageFromAnOlderProducerWithoutADirectionIsInbound() {
        Messages inbound = Messages.aMessage();
        TestKafka.broker().publishMessageEvent(inbound.event(EventTypes.MESSAGE_ADDED));
        database.awaitMessage(inbound.messageSid());

        assertEquals("inbound", database.message(inbound.messageSid()).getString("direction"));
        given().auth().oauth2(TestTokens.serviceRole()).when().get("/messages/{id}", idOf(inbound.messageSid()))
                .then().statusCode(200).body("direction", equalTo("inbound"));
    }

    /** As message-sender's Announcements builds it once Twilio accepted the send. */
    private static Event<MessageData> sent(String sid, String to, String body, String status, List<String> mediaUrls) {
        MessageData message = new MessageData(sid, "AC" + "0".repeat(32), null, null, "sms", SWITCHBOARD, to, null,
                body, null, null, null, mediaUrls.stream().map(url -> new MediaItem(null, url, null, null, null)).toList(),
                status, null, null, Instant.now(), null, null, MessageData.OUTBOUND);
        return Event.of(EventTypes.MESSAGE_ADDED, EventSources.MESSAGE_SENDER, ConversationKey.of(message), message);
    }

    /** As webhook-ingest's StatusEvents normalizes Twilio's status callback. */
    private static Event<MessageData> status(String sid, String to, String status) {
        MessageData callback = new MessageData(sid, "AC" + "0".repeat(32), null, null, "sms", SWITCHBOARD, to, null,
                null, null, null, null, List.of(), status, null, null, null, null,
                Map.of("MessageSid", sid, "MessageStatus", status, "From", SWITCHBOARD, "To", to));
        return Event.of(EventTypes.MESSAGE_STATUS, EventSources.STATUS, ConversationKey.of(callback), callback);
    }

    private long idOf(String sid) {
        return database.message(sid).getLong("id");
    }
}
