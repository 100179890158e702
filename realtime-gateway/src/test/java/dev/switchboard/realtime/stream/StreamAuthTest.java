package dev.switchboard.realtime.stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.events.Event;
import dev.switchboard.events.MessageData;
import dev.switchboard.testing.SseClient;
import dev.switchboard.realtime.support.TestDatabase;
import dev.switchboard.realtime.support.TestEvents;
import dev.switchboard.realtime.support.TestUser;
import dev.switchboard.testing.TestKafka;
import dev.switchboard.testing.TestTokens;
import dev.switchboard.testing.Waits;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Who may open a stream, and how: Bearer, cookie or single-use ticket; never a token in the URL. */
@QuarkusTest
class StreamAuthTest {

    private static final long USER = 4242;

    @TestHTTPResource("/v1/stream")
    URI streamUri;

    private TestDatabase db;

    @BeforeEach
    void setUp() {
        db = new TestDatabase();
    }

    static Stream<Arguments> refusedCredentials() {
        return Stream.of(
                refused("no credentials at all", "no-credentials", request -> request),
                refused("expired token", "invalid-token", bearer(TestTokens.expiredUser(USER))),
                refused("alg none", "invalid-token", bearer(TestTokens.unsignedUser(USER))),
                refused("wrong audience", "invalid-token", bearer(TestTokens.userWithAudience(USER, "anon-app"))),
                refused("wrong signature", "invalid-token",
                        bearer(TestTokens.userSignedWith(USER, "another-secret-0123456789abcdef0123456789"))),
                refused("valid token in the URL", "token-in-url",
                        request -> request.queryParam("access_token", TestTokens.user(USER))),
                refused("expired token in the cookie", "invalid-token",
                        request -> request.cookie("sb-access-token", TestTokens.expiredUser(USER))),
                refused("forged ticket", "invalid-ticket", request -> request.queryParam("ticket", "Zm9v.YmFy")));
    }

    @ParameterizedTest(name = "{0} → 401")
    @MethodSource("refusedCredentials")
    void streamRefusesMissingOrInvalidCredentialsWith401(String name, String reason,
            UnaryOperator<RequestSpecification> credentials) {
        credentials.apply(given())
                .when().get("/v1/stream")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("status", is(401))
                .body("reason", is(reason));
    }

    @Test
    void ticketOpensOneStreamOnlyOnce() {
        TestUser user = db.user();
        String ticket = given().header("Authorization", user.bearer())
                .when().post("/v1/stream/tickets")
                .then().statusCode(200)
                .body("expires_in", is(30))
                .body("ticket", not(emptyOrNullString()))
                .extract().path("ticket");

        try (SseClient first = SseClient.open(URI.create(streamUri + "?ticket=" + ticket)).awaitOpen()) {
            Event<MessageData> message = TestEvents.sms(TestDatabase.strangerNumber(), user.phone(), "via ticket");
            TestKafka.broker().publishMessageEvent(message);
            first.awaitEventWithId(message.id());

            given().queryParam("ticket", ticket)
                    .when().get("/v1/stream")
                    .then().statusCode(401)
                    .body("reason", is("invalid-ticket"));
        }
    }

    @Test
    void ticketsAreOnlyGivenForABearerToken() {
        given().cookie("sb-access-token", TestTokens.user(USER))
                .when().post("/v1/stream/tickets")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("reason", is("no-credentials"));
    }

    @Test
    void cookieOpensTheStream() {
        TestUser user = db.user();
        try (SseClient stream = SseClient.open(streamUri, "Cookie", "sb-access-token=" + user.token())
                .awaitOpen()) {
            Event<MessageData> message = TestEvents.sms(user.phone(), TestDatabase.strangerNumber(), "via cookie");
            TestKafka.broker().publishMessageEvent(message);

            assertEquals("message.added", stream.awaitEventWithId(message.id()).type());
        }
    }

    @Test
    void streamIsClosedWhenItsTokenExpires() {
        TestUser user = db.user();
        String shortLived = TestTokens.sign(TestTokens.claims(Long.toString(user.id()), "authenticated",
                TestTokens.AUDIENCE, Instant.now().plusSeconds(2)), TestTokens.SECRET);
        try (SseClient stream = SseClient.open(streamUri, "Authorization", "Bearer " + shortLived)
                .awaitOpen()) {
            assertTrue(stream.awaitEnd(Duration.ofSeconds(10)), "stream still open 8 s after its token expired");
            assertThat(stream.body(), stream.body().contains(": token expired"), equalTo(true));
        }
    }

    /**
     * An HTTP/1.1 stream's connection has no idle timeout of its own while the stream lives (StreamConnection), so it
     * is closed with the stream instead of being kept for another request.
     */
    @Test
    void http11ConnectionIsClosedWithTheExpiredStream() throws Exception {
        TestUser user = db.user();
        String shortLived = TestTokens.sign(TestTokens.claims(Long.toString(user.id()), "authenticated",
                TestTokens.AUDIENCE, Instant.now().plusSeconds(3)), TestTokens.SECRET);
        try (Socket socket = new Socket(streamUri.getHost(), streamUri.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /v1/stream HTTP/1.1\r\nHost: " + streamUri.getAuthority()
                    + "\r\nAccept: text/event-stream\r\nAuthorization: Bearer " + shortLived + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));

            // Read to the end of the connection: a connection kept open after the stream ended times this out.
            String received = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertTrue(received.startsWith("HTTP/1.1 200"), received);
            assertTrue(received.contains(": token expired"), received);
            assertTrue(received.endsWith("0\r\n\r\n"), "the chunked stream was not ended: " + received);
        }
    }

    @Test
    void idleStreamGetsHeartbeatCommentsOneAfterAnother() {
        TestUser user = db.user();
        try (SseClient stream = SseClient.open(streamUri, "Authorization", user.bearer()).awaitOpen()) {
            assertEquals("heartbeat", stream.awaitComment("heartbeat"::equals, Duration.ofSeconds(5)));
            // Each tick sets the next one (one timer per stream): a stream must not fall silent after its first.
            Waits.waitFor("three heartbeats at a 1 s heartbeat", Duration.ofSeconds(8), Duration.ofMillis(100))
                    .until(() -> stream.body().split(": heartbeat", -1).length - 1, count -> count >= 3);
        }
    }

    private static Arguments refused(String name, String reason, UnaryOperator<RequestSpecification> credentials) {
        return Arguments.of(name, reason, credentials);
    }

    private static UnaryOperator<RequestSpecification> bearer(String token) {
        return request -> request.header("Authorization", "Bearer " + token);
    }
}
