package dev.switchboard.conversations.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.conversations.testing.Database;
import dev.switchboard.conversations.testing.Messages;
import dev.switchboard.testing.OpenApiResponses;
import dev.switchboard.testing.TestKafka;
import dev.switchboard.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What client apps build on: the served OpenAPI document, real answers shaped as it says, bad numbers as 400, CORS. */
@QuarkusTest
class ClientApiDocumentTest {

    private static final String APP_ORIGIN = "https://app.switchboard.test";

    @Inject
    Database db;

    private long user() {
        return db.query("INSERT INTO users (username, phone_number, points) VALUES ('doc', $1, 3) RETURNING id",
                Messages.phoneNumber()).get(0).getLong("id");
    }

    private static OpenApiResponses document() {
        String json = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        return OpenApiResponses.of(json);
    }

    private static void conforms(OpenApiResponses doc, String method, String template, Response response) {
        doc.assertConforms(method, template, response.statusCode(), response.contentType(), response.asString());
    }

    @Test
    void realAnswersHaveTheShapesTheServedDocumentDeclares() {
        OpenApiResponses doc = document();
        long me = user();
        db.query("INSERT INTO tasks (user_id, description, status) VALUES ($1, 'd', 'active')", me);
        long done = db.query("INSERT INTO tasks (user_id, description, status) VALUES ($1, 'd', 'completed') RETURNING id",
                me).get(0).getLong("id");
        db.query("INSERT INTO feed (user_id, task_id, message_sid, image_url) VALUES ($1, $2, $3, 'https://x/i')",
                me, done, "MMdoc" + done);
        String token = TestTokens.user(me);

        assertEquals("bearer", doc.document().path("components").path("securitySchemes").fieldNames().next());
        conforms(doc, "GET", "/users/{id}", given().auth().oauth2(token).get("/users/{id}", me));
        conforms(doc, "GET", "/users/{id}", given().auth().oauth2(token).get("/users/{id}", user()));
        conforms(doc, "GET", "/tasks", given().auth().oauth2(token).get("/tasks"));
        conforms(doc, "GET", "/tasks", given().auth().oauth2(token).get("/tasks?status=bogus"));
        conforms(doc, "GET", "/feed", given().auth().oauth2(token).get("/feed"));
        conforms(doc, "GET", "/feed", given().auth().oauth2(token).get("/feed?limit=abc"));
    }

    @Test
    void erasureAnswersHaveTheShapesTheServedDocumentDeclares() {
        OpenApiResponses doc = document();
        long someone = user();
        String operator = TestTokens.serviceRole();

        conforms(doc, "POST", "/users/{id}/erasure",
                given().auth().oauth2(TestTokens.user(someone)).post("/users/{id}/erasure", someone));
        conforms(doc, "POST", "/users/{id}/erasure", given().auth().oauth2(operator).post("/users/{id}/erasure", someone));
        conforms(doc, "POST", "/users/{id}/erasure",
                given().auth().oauth2(operator).post("/users/{id}/erasure", Long.MAX_VALUE));
    }

    @Test
    void theMeAnswersHaveTheShapesTheServedDocumentDeclares() {
        OpenApiResponses doc = document();
        String phone = Messages.phoneNumber();
        long me = db.query("INSERT INTO users (username, phone_number, points) VALUES ('me', $1, 3) RETURNING id", phone)
                .get(0).getLong("id");
        db.query("INSERT INTO tasks (user_id, description, status) VALUES ($1, 'd', 'active')", me);
        long done = db.query("INSERT INTO tasks (user_id, description, status) VALUES ($1, 'd', 'completed') RETURNING id",
                me).get(0).getLong("id");
        long post = db.query("""
                WITH next AS (SELECT nextval(pg_get_serial_sequence('feed', 'id')) AS id)
                INSERT INTO feed (id, user_id, task_id, message_sid, image_url)
                SELECT id, $1, $2, $3, '/feed/' || id || '/image' FROM next RETURNING id""", me, done, "MMme" + done)
                .get(0).getLong("id");
        String other = Messages.phoneNumber();
        db.execute("""
                INSERT INTO messages (message_sid, conversation_key, channel, from_number, to_number, from_e164, to_e164,
                    added_at) VALUES ($1, $2, 'sms', $3, $4, $3, $4, now())""", "SMme" + done, phone + "|" + other,
                phone, other);
        String gig = "CHme" + done;
        db.execute("INSERT INTO gig_conversations (gig_id, conversation_sid, unique_name) VALUES ($1, $1, $1)", gig);
        db.execute("INSERT INTO conversation_participants (participant_sid, conversation_sid, address, address_e164,"
                + " added_at) VALUES ($1, $2, $3, $3, now())", "MBme" + done, gig, phone);
        String token = TestTokens.user(me);

        conforms(doc, "GET", "/me", given().auth().oauth2(token).get("/me"));
        conforms(doc, "GET", "/me", given().auth().oauth2(TestTokens.serviceRole()).get("/me"));
        conforms(doc, "GET", "/me/tasks", given().auth().oauth2(token).get("/me/tasks"));
        conforms(doc, "GET", "/me/tasks", given().auth().oauth2(token).get("/me/tasks?status=bogus"));
        Response feed = given().auth().oauth2(token).get("/me/feed");
        conforms(doc, "GET", "/me/feed", feed);
        conforms(doc, "GET", "/me/feed", given().auth().oauth2(token).get("/me/feed?before=x"));
        Response conversations = given().auth().oauth2(token).get("/me/conversations");
        assertEquals(Set.of("direct", "gig"), Set.copyOf(conversations.jsonPath().getList("conversations.kind")));
        conforms(doc, "GET", "/me/conversations", conversations);
        conforms(doc, "GET", "/me/conversations", given().auth().oauth2(token).get("/me/conversations?limit=0"));
        conforms(doc, "GET", "/feed/{id}/image", given().urlEncodingEnabled(false)
                .get(feed.jsonPath().getString("[0].image_url").replace("signature=", "signature=x")));
        assertEquals("/feed/" + post + "/image", feed.jsonPath().getString("[0].image_url").split("\\?")[0]);
    }

    @Test
    void aMalformedOrOutOfRangeFeedPageIsA400ProblemNotA404() {
        String token = TestTokens.user(user());
        for (String query : new String[] {"limit=abc", "limit=0", "limit=101", "limit=1.5"}) {
            given().auth().oauth2(token).get("/feed?" + query)
                    .then().statusCode(400).contentType("application/problem+json").body("reason", is("invalid-limit"));
        }
        for (String query : new String[] {"before=abc", "before=0", "before=99999999999999999999"}) {
            given().auth().oauth2(token).get("/feed?" + query)
                    .then().statusCode(400).contentType("application/problem+json").body("reason", is("invalid-before"));
        }
        given().auth().oauth2(token).get("/feed?limit=100&before=9000000000").then().statusCode(200);
    }

    @Test
    void aMalformedTaskOwnerIsA400ProblemNotA404() {
        for (String query : new String[] {"user_id=abc", "user_id=0", "user_id=1e3"}) {
            given().auth().oauth2(TestTokens.serviceRole()).get("/tasks?" + query)
                    .then().statusCode(400).contentType("application/problem+json").body("reason", is("invalid-user-id"));
        }
    }

    @Test
    void aPreflightFromAnAllowedAppOriginIsAnsweredAndAnyOtherIsNot() {
        given().header("Origin", APP_ORIGIN).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "Authorization, Idempotency-Key")
                .options("/feed")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", APP_ORIGIN)
                .header("Access-Control-Allow-Credentials", "true");
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
                .options("/feed")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }

    /** Every message answer (lists, one message, history page) and its refusals, on a message stored through Kafka. */
    @Test
    void messageAnswersHaveTheShapesTheServedDocumentDeclares() {
        OpenApiResponses doc = document();
        String phone = Messages.phoneNumber();
        long me = db.query("INSERT INTO users (username, phone_number) VALUES ('msgdoc', $1) RETURNING id", phone)
                .get(0).getLong("id");
        Messages message = Messages.aMessage().from(phone)
                .media("https://media.example.com/" + Messages.sid("ME"), "image/png");
        TestKafka.broker().publishMessageEvent(
                message.event(dev.switchboard.events.EventTypes.MESSAGE_ADDED));
        long id = db.awaitMessage(message.messageSid()).getLong("id");
        String key = dev.switchboard.events.ConversationKey.of(message.data());
        String token = TestTokens.user(me);
        String service = TestTokens.serviceRole();

        Response list = given().auth().oauth2(token).get("/messages");
        assertEquals(message.messageSid(), list.jsonPath().getString("[0].message_sid"));
        conforms(doc, "GET", "/messages", list);
        conforms(doc, "GET", "/messages", given().auth().oauth2(service).get("/messages?limit=abc"));
        conforms(doc, "GET", "/messages/{id}", given().auth().oauth2(token).get("/messages/{id}", message.messageSid()));
        conforms(doc, "GET", "/messages/{id}", given().auth().oauth2(token).get("/messages/{id}", id));
        conforms(doc, "GET", "/messages/{id}", given().auth().oauth2(token).get("/messages/{id}", Messages.sid("SM")));
        conforms(doc, "GET", "/me/messages", given().auth().oauth2(token).get("/me/messages"));
        conforms(doc, "GET", "/me/messages", given().auth().oauth2(service).get("/me/messages"));
        Response history = given().auth().oauth2(token).get("/conversations/{conversationKey}/messages", key);
        assertEquals(message.messageSid(), history.jsonPath().getString("events[0].message.message_sid"));
        conforms(doc, "GET", "/conversations/{conversationKey}/messages", history);
        conforms(doc, "GET", "/conversations/{conversationKey}/messages",
                given().auth().oauth2(token).get("/conversations/{conversationKey}/messages?after=x", key));
        conforms(doc, "GET", "/conversations/{conversationKey}/messages",
                given().auth().oauth2(TestTokens.user(user())).get("/conversations/{conversationKey}/messages", key));
    }
}
