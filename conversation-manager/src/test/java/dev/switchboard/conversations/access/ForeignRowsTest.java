package dev.switchboard.conversations.access;

import static dev.switchboard.conversations.testing.Messages.aMessage;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.switchboard.conversations.testing.Database;
import dev.switchboard.conversations.testing.Messages;
import dev.switchboard.conversations.testing.Users;
import dev.switchboard.events.ConversationKey;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.MessageData;
import dev.switchboard.testing.CapturedLogs;
import dev.switchboard.testing.TestKafka;
import dev.switchboard.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A valid token of one user reads none of another user's rows, whatever the query; refused tokens get a problem
 * body and never reach a log, even at DEBUG.
 */
@QuarkusTest
class ForeignRowsTest {

    @Inject
    Database database;

    @Test
    void anotherUsersRowsNeverComeBackWhateverTheQuery() {
        String owner = Messages.phoneNumber();
        long intruderId = Users.create(Messages.phoneNumber(), null);
        Users.create(owner, null);
        Messages mine = aMessage().from("whatsapp:" + owner)
                .media("https://media.example.com/" + Messages.sid("ME"), "image/png");
        Event<MessageData> added = mine.event(EventTypes.MESSAGE_ADDED);
        TestKafka.broker().publishMessageEvent(added);
        database.awaitMessage(mine.messageSid());
        long id = database.message(mine.messageSid()).getLong("id");
        String intruder = TestTokens.user(intruderId);

        for (String sender : List.of(owner, "whatsapp:" + owner)) {
            given().auth().oauth2(intruder).queryParam("from_number", sender).queryParam("limit", 100)
                    .when().get("/messages")
                    .then().statusCode(200)
                    .body("size()", equalTo(0));
        }
        for (String path : List.of("/messages/{id}", "/messages/{id}/media/0")) {
            for (Object name : List.of(id, mine.messageSid())) {
                given().auth().oauth2(intruder)
                        .when().get(path, name)
                        .then().statusCode(404)
                        .contentType("application/problem+json")
                        .body("reason", equalTo("message-not-found"));
            }
        }
        given().auth().oauth2(intruder).queryParam("limit", 100)
                .when().get("/me/messages")
                .then().statusCode(200)
                .body("size()", equalTo(0));
        String conversation = ConversationKey.of(mine.data());
        for (String query : List.of("", "?after=" + added.id())) {
            given().auth().oauth2(intruder)
                    .when().get("/conversations/{key}/messages" + query, conversation)
                    .then().statusCode(403)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void refusedTokensGetAProblemBodyAndNeverReachALog() {
        long userId = Users.create(Messages.phoneNumber(), null);
        List<String> refused = List.of("not-a-jwt",
                TestTokens.userSignedWith(userId, "a-forger-s-own-key-0123456789abcdef0123456789"),
                TestTokens.unsignedUser(userId), TestTokens.expiredUser(userId),
                TestTokens.userWithAudience(userId, "anon"));
        String notAUser = TestTokens.sign(TestTokens.claims("not-a-user-id", "authenticated", TestTokens.AUDIENCE,
                Instant.now().plusSeconds(3600)), TestTokens.SECRET);
        String valid = TestTokens.user(userId);

        try (CapturedLogs logs = CapturedLogs.capture("dev.switchboard", "io.smallrye.jwt", "io.quarkus.smallrye.jwt",
                "io.quarkus.security", "org.jose4j")) {
            for (String token : refused) {
                for (String path : List.of("/messages", "/conversations/CH1/messages")) {
                    given().auth().oauth2(token)
                            .when().get(path)
                            .then().statusCode(401)
                            .contentType("application/problem+json")
                            .body("status", equalTo(401));
                }
            }
            given().auth().oauth2(notAUser)
                    .when().get("/messages")
                    .then().statusCode(403)
                    .contentType("application/problem+json")
                    .body("reason", equalTo("unknown-user"));
            given().auth().oauth2(valid).when().get("/messages").then().statusCode(200);

            assertFalse(logs.size() == 0, "records are captured");
            for (String token : refused) {
                assertEquals(List.of(), logs.containing(token));
            }
            assertEquals(List.of(), logs.containing(notAUser));
            assertEquals(List.of(), logs.containing(valid));
        }
    }
}
