package dev.switchboard.realtime.stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.switchboard.events.Event;
import dev.switchboard.events.MessageData;
import dev.switchboard.testing.SseClient;
import dev.switchboard.realtime.support.TestDatabase;
import dev.switchboard.realtime.support.TestEvents;
import dev.switchboard.realtime.support.TestUser;
import dev.switchboard.testing.CapturedLogs;
import dev.switchboard.testing.TestKafka;
import dev.switchboard.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A valid token opens only its own user's events: another user's cursor, conversation or live traffic yields none of
 * theirs. Refused tokens get a problem body and never reach a log, even at DEBUG.
 */
@QuarkusTest
class ForeignEventsTest {

    private static final String PRIVATE = "private to the owner";

    @TestHTTPResource("/v1/stream")
    URI streamUri;

    private TestDatabase db;

    @BeforeEach
    void setUp() {
        db = new TestDatabase();
    }

    @Test
    void resumingFromAnotherUsersCursorReplaysNoneOfTheirEvents() {
        TestUser owner = db.user();
        TestUser intruder = db.user();
        Event<MessageData> cursor = storedAndPublished(owner, PRIVATE + " 1");
        storedAndPublished(owner, PRIVATE + " 2");

        try (SseClient stream = SseClient.open(streamUri, "Authorization", intruder.bearer(),
                "Last-Event-ID", cursor.id()).awaitOpen()) {
            storedAndPublished(owner, PRIVATE + " live");
            Event<MessageData> own = storedAndPublished(intruder, "the intruder's own");
            stream.awaitEventWithId(own.id());

            assertEquals(List.of(), stream.events().stream().filter(e -> e.data().contains(PRIVATE)).toList());
        }
    }

    @Test
    void resumingInAConversationTheUserIsNotInIsForbidden() {
        TestUser owner = db.user();
        TestUser intruder = db.user();
        String conversation = TestEvents.conversationSid();
        db.addParticipant(conversation, owner);
        Event<MessageData> chat = TestEvents.chat(conversation, owner.identity(), PRIVATE);
        db.store(chat);

        given().header("Authorization", intruder.bearer())
                .header("Last-Event-ID", chat.id())
                .queryParam("conversation", conversation)
                .when().get("/v1/stream")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("reason", is("not-a-participant"));
    }

    /** Credentials StreamAuthTest does not cover, each refused with its reason. */
    @Test
    void malformedOrForeignTokensAreRefusedAndNoTokenEverReachesALog() {
        TestUser user = db.user();
        Map<String, String> refused = Map.of(
                "not-a-jwt", "invalid-token",
                TestTokens.userSignedWith(user.id(), "a-forger-s-own-key-0123456789abcdef0123456789"), "invalid-token",
                TestTokens.unsignedUser(user.id()), "invalid-token",
                TestTokens.expiredUser(user.id()), "invalid-token");

        try (CapturedLogs logs = CapturedLogs.capture("dev.switchboard", "io.smallrye.jwt", "io.quarkus.smallrye.jwt",
                "org.jose4j", "io.vertx")) {
            refused.forEach((token, reason) -> given().header("Authorization", "Bearer " + token)
                    .when().get("/v1/stream")
                    .then().statusCode(401)
                    .contentType("application/problem+json")
                    .body("reason", is(reason)));
            // A well-signed token whose subject is neither a user id nor a Supabase user id names nobody: 403.
            given().header("Authorization", "Bearer " + TestTokens.sign(TestTokens.claims("not-a-user-id",
                            "authenticated", TestTokens.AUDIENCE, Instant.now().plusSeconds(3600)), TestTokens.SECRET))
                    .when().get("/v1/stream")
                    .then().statusCode(403)
                    .body("reason", is("unknown-user"));
            given().cookie("sb-access-token", TestTokens.expiredUser(user.id()))
                    .when().get("/v1/stream")
                    .then().statusCode(401);
            String valid = user.token();
            try (SseClient stream = SseClient.open(streamUri, "Authorization", "Bearer " + valid).awaitOpen()) {
                stream.awaitEventWithId(storedAndPublished(user, "logged or not").id());
            }

            assertFalse(logs.containing("token refused").isEmpty(), "DEBUG records are captured");
            refused.keySet().forEach(token -> assertEquals(List.of(), logs.containing(token)));
            assertEquals(List.of(), logs.containing(valid));
        }
    }

    private Event<MessageData> storedAndPublished(TestUser user, String body) {
        Event<MessageData> event = TestEvents.sms(user.phone(), TestDatabase.strangerNumber(), body);
        db.store(event);
        TestKafka.broker().publishMessageEvent(event);
        return event;
    }
}
