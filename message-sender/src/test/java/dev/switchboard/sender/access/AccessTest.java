package dev.switchboard.sender.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.sender.testing.SendRequests;
import dev.switchboard.testing.StandIn;
import dev.switchboard.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
class AccessTest {

    static Stream<Arguments> badTokens() {
        return Stream.of(
                Arguments.of("expired", TestTokens.expiredUser(7)),
                Arguments.of("alg none", TestTokens.unsignedUser(7)),
                Arguments.of("wrong signature", TestTokens.userSignedWith(7, "another-secret-0123456789abcdef-xyz")),
                Arguments.of("wrong audience", TestTokens.userWithAudience(7, "somebody-else")),
                Arguments.of("garbage", "not-a-jwt"));
    }

    @Test
    void noTokenIsUnauthorized() {
        SendRequests request = SendRequests.sms();

        given().contentType("application/json").body("{\"to\":\"" + request.to() + "\",\"channel\":\"sms\",\"body\":\"x\"}")
                .post("/messages")
                .then().statusCode(401).body("status", is(401));

        assertEquals(0, StandIn.messagesTo(request.to()).size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void anInvalidTokenIsUnauthorized(String name, String token) {
        SendRequests request = SendRequests.sms().token(token);

        request.post().then().statusCode(401);

        assertEquals(0, StandIn.messagesTo(request.to()).size());
    }

    @Test
    void anAppUserMayNotTextArbitraryNumbers() {
        SendRequests request = SendRequests.sms().token(TestTokens.user(7));

        request.post().then().statusCode(403).body("status", is(403));

        assertEquals(0, StandIn.messagesTo(request.to()).size());
    }

    @Test
    void anotherCallersOutboundMessageIsNotFound() {
        String id = SendRequests.sms().accepted().extract().path("id");

        given().auth().oauth2(TestTokens.user(7)).get("/outbound/" + id).then().statusCode(404);
    }
}
