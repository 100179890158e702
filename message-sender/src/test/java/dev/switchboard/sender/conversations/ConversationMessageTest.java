package dev.switchboard.sender.conversations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.sender.testing.Participants;
import dev.switchboard.testing.StandIn;
import dev.switchboard.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConversationMessageTest {

    @Test
    void aUserPostsIntoTheirConversationAsThemselves() {
        String conversation = StandIn.createConversation();
        String identity = Participants.identity();
        long userId = Participants.user(identity);
        Participants.join(conversation, identity, false);

        post(conversation, TestTokens.user(userId), message(null, "On my way"))
                .then().statusCode(202)
                .body("state", is("sent"))
                .body("author", is(identity))
                .body("twilioSid", startsWith("IM"));

        List<Map<String, Object>> posted = StandIn.conversationMessages(conversation);
        assertEquals(1, posted.size());
        assertEquals(identity, StandIn.form(posted.get(0), "Author"));
        assertEquals("On my way", StandIn.form(posted.get(0), "Body"));
        assertEquals(List.of(), posted.get(0).get("violations"));
    }

    @Test
    void aUserSignedInWithSupabasePostsAsThemselvesAndTheirOutboundRowIsTheirsWhateverTheTokenForm() {
        String conversation = StandIn.createConversation();
        String identity = Participants.identity();
        long userId = Participants.user(identity);
        java.util.UUID authId = java.util.UUID.randomUUID();
        Participants.signsInWithSupabase(userId, authId);
        Participants.join(conversation, identity, false);

        String id = post(conversation, TestTokens.session(authId, null, "ES256"), message(null, "from the app"))
                .then().statusCode(202)
                .body("author", is(identity))
                .extract().jsonPath().getString("id");

        assertEquals("from the app", StandIn.form(StandIn.conversationMessages(conversation).get(0), "Body"));
        // One caller, however they signed in: their numeric-sub token reads the row their Supabase session made.
        given().auth().oauth2(TestTokens.user(userId)).when().get("/outbound/{id}", id)
                .then().statusCode(200);
        given().auth().oauth2(TestTokens.session(java.util.UUID.randomUUID(), null, "HS256"))
                .when().get("/outbound/{id}", id)
                .then().statusCode(403)
                .body("reason", is("unknown-user"));
    }

    @Test
    void aServicePostsAsTheAuthorItNames() {
        String conversation = StandIn.createConversation();

        post(conversation, TestTokens.serviceRole(), message("switchboard-bot", "Task done: +10 points"))
                .then().statusCode(202).body("state", is("sent"));

        assertEquals("switchboard-bot", StandIn.form(StandIn.conversationMessages(conversation).get(0), "Author"));
    }

    @Test
    void aUserMayNotPostIntoAConversationTheyAreNotIn() {
        String theirs = StandIn.createConversation();
        String other = StandIn.createConversation();
        String identity = Participants.identity();
        long userId = Participants.user(identity);
        Participants.join(theirs, identity, false);

        post(other, TestTokens.user(userId), message(null, "hello")).then().statusCode(403).body("status", is(403));

        assertEquals(0, StandIn.conversationMessages(other).size());
    }

    @Test
    void aRemovedParticipantMayNotPost() {
        String conversation = StandIn.createConversation();
        String identity = Participants.identity();
        long userId = Participants.user(identity);
        Participants.join(conversation, identity, true);

        post(conversation, TestTokens.user(userId), message(null, "still here?")).then().statusCode(403);

        assertEquals(0, StandIn.conversationMessages(conversation).size());
    }

    @Test
    void aUserMayNotPostAsSomeoneElse() {
        String conversation = StandIn.createConversation();
        String identity = Participants.identity();
        long userId = Participants.user(identity);
        Participants.join(conversation, identity, false);

        post(conversation, TestTokens.user(userId), message("someone-else", "hi")).then().statusCode(403);

        assertEquals(0, StandIn.conversationMessages(conversation).size());
    }

    @Test
    void nothingIsSentIntoAClosedGigConversation() {
        String conversation = StandIn.createConversation();
        String identity = Participants.identity();
        long userId = Participants.user(identity);
        Participants.join(conversation, identity, false);
        Participants.gig(conversation, "closed");

        post(conversation, TestTokens.user(userId), message(null, "anyone?"))
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("status", is(409))
                .body("detail", containsString(conversation));
        post(conversation, TestTokens.serviceRole(), message("switchboard", "anyone?")).then().statusCode(409);

        assertEquals(0, StandIn.conversationMessages(conversation).size());
    }

    private static Map<String, Object> message(String author, String body) {
        Map<String, Object> message = new HashMap<>();
        message.put("body", body);
        if (author != null) {
            message.put("author", author);
        }
        return message;
    }

    private static Response post(String conversation, String token, Map<String, Object> message) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(message)
                .post("/conversations/" + conversation + "/messages");
    }
}
