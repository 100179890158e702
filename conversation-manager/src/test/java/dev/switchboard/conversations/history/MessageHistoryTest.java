package dev.switchboard.conversations.history;

import static dev.switchboard.conversations.testing.Messages.aMessage;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.conversations.testing.Database;
import dev.switchboard.conversations.testing.Messages;
import dev.switchboard.conversations.testing.Users;
import dev.switchboard.events.ConversationKey;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.MessageData;
import dev.switchboard.testing.TestKafka;
import dev.switchboard.testing.TestTokens;
import dev.switchboard.testing.Waits;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class MessageHistoryTest {

    @Inject
    Database database;

    @Test
    void aUserReadsOnlyMessagesTheySentOrReceived() {
        String alice = Messages.phoneNumber();
        String bob = Messages.phoneNumber();
        String carol = Messages.phoneNumber();
        long aliceId = Users.create(alice, null);
        long bobId = Users.create(bob, null);
        Messages aliceToBob = store(aMessage().from("whatsapp:" + alice).to("whatsapp:" + bob));
        Messages carolToBob = store(aMessage().from(carol).to(bob));

        given().auth().oauth2(TestTokens.user(bobId)).queryParam("limit", 100)
                .when().get("/messages")
                .then().statusCode(200)
                .body("message_sid", everyItem(org.hamcrest.Matchers.notNullValue()))
                .body("findAll { it.message_sid == '%s' || it.message_sid == '%s' }.message_sid"
                        .formatted(aliceToBob.messageSid(), carolToBob.messageSid()),
                        containsInAnyOrder(aliceToBob.messageSid(), carolToBob.messageSid()));
        given().auth().oauth2(TestTokens.user(aliceId)).queryParam("limit", 100)
                .when().get("/messages")
                .then().statusCode(200)
                .body("message_sid", equalTo(List.of(aliceToBob.messageSid())));
        for (Object id : List.of(idOf(carolToBob), carolToBob.messageSid())) {
            given().auth().oauth2(TestTokens.user(aliceId))
                    .when().get("/messages/{id}", id)
                    .then().statusCode(404)
                    .contentType("application/problem+json");
        }
        given().auth().oauth2(TestTokens.user(aliceId))
                .when().get("/messages/{id}", aliceToBob.messageSid())
                .then().statusCode(200)
                .body("message_sid", equalTo(aliceToBob.messageSid()))
                .body("conversation_key", equalTo(ConversationKey.of(aliceToBob.data())));
        given().auth().oauth2(TestTokens.user(aliceId))
                .when().get("/messages/{id}", idOf(aliceToBob))
                .then().statusCode(200)
                .body("from_number", equalTo("whatsapp:" + alice))
                .body("to_number", equalTo("whatsapp:" + bob))
                .body("body", equalTo(aliceToBob.data().body()))
                .body("media_items", hasSize(0))
                .body("storage_urls", hasSize(0))
                .body("num_media", equalTo(0));
    }

    @Test
    void serviceRoleReadsEveryoneAndFiltersBySender() {
        String sender = Messages.phoneNumber();
        Messages first = store(aMessage().from("whatsapp:" + sender));
        Messages second = store(aMessage().from(sender));

        given().auth().oauth2(TestTokens.serviceRole())
                .queryParam("from_number", sender).queryParam("limit", 1).queryParam("offset", 0)
                .when().get("/messages")
                .then().statusCode(200)
                .body("message_sid", equalTo(List.of(second.messageSid())));
        given().auth().oauth2(TestTokens.serviceRole())
                .queryParam("from_number", "whatsapp:" + sender).queryParam("limit", 10).queryParam("offset", 1)
                .when().get("/messages")
                .then().statusCode(200)
                .body("message_sid", equalTo(List.of(first.messageSid())));
    }

    @Test
    void aUserCannotReadAnotherGigsConversation() {
        String gigSeven = Messages.sid("CH");
        String member = "member-" + gigSeven;
        long memberId = Users.create(Messages.phoneNumber(), member);
        long outsiderId = Users.create(Messages.phoneNumber(), "outsider-" + gigSeven);
        TestKafka.broker().publishMessageEvent(aMessage().participant(gigSeven, member, null)
                .event("conversation.onParticipantAdded"));
        Messages fromOwner = store(aMessage().inConversation(gigSeven, "owner-" + gigSeven));

        given().auth().oauth2(TestTokens.user(memberId)).when().get("/messages/{id}", idOf(fromOwner))
                .then().statusCode(200);
        given().auth().oauth2(TestTokens.user(outsiderId)).when().get("/messages/{id}", idOf(fromOwner))
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.user(outsiderId)).when().get("/conversations/{key}/messages", gigSeven)
                .then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.user(memberId)).when().get("/conversations/{key}/messages", gigSeven)
                .then().statusCode(200);
    }

    @Test
    void aRemovedParticipantReadsNothingOfTheConversationAndHisOwnMessagesGrantNothing() {
        String gig = Messages.sid("CH");
        String bob = "bob-" + gig;
        long bobId = Users.create(Messages.phoneNumber(), bob);
        Messages joined = aMessage().participant(gig, bob, null);
        TestKafka.broker().publishMessageEvent(joined.event("conversation.onParticipantAdded"));
        Messages bobsOwn = store(aMessage().inConversation(gig, bob));
        given().auth().oauth2(TestTokens.user(bobId)).when().get("/conversations/{key}/messages", gig)
                .then().statusCode(200).body("events.message.message_sid", hasItem(bobsOwn.messageSid()));

        TestKafka.broker().publishMessageEvent(joined.event("conversation.onParticipantRemoved"));
        Waits.waitFor("removed")
                .until(() -> database.query("SELECT removed_at FROM conversation_participants WHERE participant_sid"
                + " = $1", joined.participantSid()),
                        rows -> rows.get(0).getValue("removed_at") != null);
        Messages afterwards = store(aMessage().inConversation(gig, "alice-" + gig));

        given().auth().oauth2(TestTokens.user(bobId)).when().get("/conversations/{key}/messages", gig)
                .then().statusCode(403).contentType("application/problem+json");
        for (Messages message : List.of(bobsOwn, afterwards)) {
            given().auth().oauth2(TestTokens.user(bobId)).when().get("/messages/{id}", idOf(message))
                    .then().statusCode(404);
            given().auth().oauth2(TestTokens.user(bobId)).when().get("/messages/{id}/media/0", idOf(message))
                    .then().statusCode(404).body("reason", org.hamcrest.Matchers.is("message-not-found"));
        }
        given().auth().oauth2(TestTokens.user(bobId)).queryParam("limit", 100).when().get("/messages")
                .then().statusCode(200).body("conversation_sid", not(hasItem(gig)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "limit=abc", "limit=0", "offset=-1", "limit=-5", "offset=10001", "offset=1e3" })
    void badPagingValuesAreRefused(String query) {
        given().auth().oauth2(TestTokens.serviceRole())
                .when().get("/messages?" + query)
                .then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void conversationHistoryPagesByTheStreamsCursor() {
        String conversation = Messages.sid("CH");
        List<Event<MessageData>> added = IntStream.range(0, 3)
                .mapToObj(i -> aMessage().inConversation(conversation, "author-" + i).event(EventTypes.MESSAGE_ADDED))
                .toList();
        added.forEach(TestKafka.broker()::publishMessageEvent);
        database.awaitMessage(added.get(2).data().messageSid());

        JsonPath first = given().auth().oauth2(TestTokens.serviceRole()).queryParam("limit", 2)
                .when().get("/conversations/{key}/messages", conversation)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(added.get(0).id(), added.get(1).id()), first.getList("events.id"));
        assertEquals(added.get(1).id(), first.getString("next_cursor"));
        assertEquals(true, first.getBoolean("has_more"));

        JsonPath second = given().auth().oauth2(TestTokens.serviceRole())
                .queryParam("after", first.getString("next_cursor")).queryParam("limit", 2)
                .when().get("/conversations/{key}/messages", conversation)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(added.get(2).id()), second.getList("events.id"));
        assertEquals(added.get(2).data().body(), second.getString("events[0].message.body"));
        assertEquals(false, second.getBoolean("has_more"));
        // The client shape, as the stream sends it: the envelope and the message, never the Kafka event's own form.
        assertEquals(Set.of("id", "type", "occurred_at", "message"), second.getMap("events[0]").keySet());
        assertEquals(EventTypes.MESSAGE_ADDED, second.getString("events[0].type"));
        assertEquals(added.get(2).data().messageSid(), second.getString("events[0].message.message_sid"));
        assertEquals(added.get(2).id(), second.getString("events[0].message.cursor"));
        assertEquals("author-2", second.getString("events[0].message.author"));

        given().auth().oauth2(TestTokens.serviceRole()).queryParam("after", "not-a-cursor")
                .when().get("/conversations/{key}/messages", conversation)
                .then().statusCode(400)
                .body("reason", equalTo("unknown-cursor"));
    }

    private Messages store(Messages message) {
        TestKafka.broker().publishMessageEvent(message.event(EventTypes.MESSAGE_ADDED));
        database.awaitMessage(message.messageSid());
        return message;
    }

    private long idOf(Messages message) {
        return database.message(message.messageSid()).getLong("id");
    }
}
