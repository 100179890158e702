package dev.switchboard.realtime.signin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import dev.switchboard.events.Event;
import dev.switchboard.events.MessageData;
import dev.switchboard.testing.SseClient;
import dev.switchboard.realtime.support.TestDatabase;
import dev.switchboard.realtime.support.TestEvents;
import dev.switchboard.realtime.support.TestUser;
import dev.switchboard.testing.SchemaOwner;
import dev.switchboard.testing.TestKafka;
import dev.switchboard.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The stream takes the tokens client apps hold, verified and mapped to a user exactly as the REST APIs do it: a
 * Supabase session (UUID sub = users.auth_id) signed with the HS256 secret or a published key, by every way a stream
 * carries credentials (Bearer, cookie, ticket).
 */
@QuarkusTest
class StreamSignInTest {

    @TestHTTPResource("/v1/stream")
    URI streamUri;

    @Test
    void aSupabaseSessionOpensItsUsersStreamByBearerCookieOrTicket() {
        TestDatabase db = new TestDatabase();
        TestUser user = db.user();
        UUID authId = signsInWithSupabase(user);

        try (SseClient bearer = SseClient.open(streamUri, "Authorization",
                "Bearer " + TestTokens.session(authId, user.phone(), "ES256")).awaitOpen();
             SseClient cookie = SseClient.open(streamUri, "Cookie",
                     "sb-access-token=" + TestTokens.session(authId, user.phone(), "HS256")).awaitOpen();
             SseClient ticket = SseClient.open(URI.create(streamUri + "?ticket=" + ticket(
                     TestTokens.session(authId, user.phone(), "RS256")))).awaitOpen()) {
            Event<MessageData> event = TestEvents.sms(user.phone(), TestDatabase.strangerNumber(), "to a Supabase user");
            db.store(event);
            TestKafka.broker().publishMessageEvent(event);
            bearer.awaitEventWithId(event.id());
            cookie.awaitEventWithId(event.id());
            ticket.awaitEventWithId(event.id());
        }
    }

    @Test
    void aSessionOfNoSwitchboardUserIsForbiddenOnTheStreamAndForTickets() {
        String stranger = TestTokens.session(UUID.randomUUID(), TestDatabase.strangerNumber(), "HS256");
        given().header("Authorization", "Bearer " + stranger).when().get("/v1/stream")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("reason", is("unknown-user"));
        given().header("Authorization", "Bearer " + stranger).when().post("/v1/stream/tickets")
                .then().statusCode(403)
                .body("reason", is("unknown-user"));
    }

    @Test
    void theServiceRoleHasNoStream() {
        given().header("Authorization", "Bearer " + TestTokens.serviceRole()).when().get("/v1/stream")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("reason", is("user-only"));
    }

    private UUID signsInWithSupabase(TestUser user) {
        UUID authId = UUID.randomUUID();
        SchemaOwner.pool().preparedQuery("UPDATE users SET auth_id = $1 WHERE id = $2").execute(Tuple.of(authId, user.id()))
                .await().indefinitely();
        return authId;
    }

    private static String ticket(String token) {
        return given().header("Authorization", "Bearer " + token).when().post("/v1/stream/tickets")
                .then().statusCode(200)
                .extract().jsonPath().getString("ticket");
    }
}
