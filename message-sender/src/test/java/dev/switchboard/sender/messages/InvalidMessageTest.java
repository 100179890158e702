package dev.switchboard.sender.messages;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.sender.testing.OutboundRows;
import dev.switchboard.sender.testing.SendRequests;
import dev.switchboard.testing.StandIn;
import io.quarkus.test.junit.QuarkusTest;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
class InvalidMessageTest {

    static Stream<Arguments> invalidRequests() {
        return Stream.of(
                Arguments.of("not E.164", (UnaryOperator<SendRequests>) r -> r.with("to", "5551234"),
                        "to must be an E.164 number such as +15551234567"),
                Arguments.of("empty without media", (UnaryOperator<SendRequests>) r -> r.with("body", "  "),
                        "a message needs a body, media or a contentSid"),
                Arguments.of("body over 1600", (UnaryOperator<SendRequests>) r -> r.with("body", "x".repeat(1_601)),
                        "body must be at most 1600 characters"),
                Arguments.of("unknown channel", (UnaryOperator<SendRequests>) r -> r.with("channel", "fax"),
                        "channel must be sms or whatsapp"),
                Arguments.of("media not a URL", (UnaryOperator<SendRequests>) r -> r.media("file:///etc/passwd"),
                        "mediaUrls must be absolute http(s) URLs"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void invalidRequestIsRefusedWithAProblemAndNothingIsRecordedOrSent(String name, UnaryOperator<SendRequests> breakIt,
                                                                       String violation) {
        SendRequests request = breakIt.apply(SendRequests.sms());
        String to = request.to();

        request.post().then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("status", is(400))
                .body("violations", hasItem(violation));

        assertEquals(0, OutboundRows.countTo(to));
        assertEquals(0, StandIn.messagesTo(to).size());
    }
}
