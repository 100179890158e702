package dev.switchboard.conversations.persistence;

import static dev.switchboard.conversations.testing.Messages.aMessage;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.conversations.testing.Database;
import dev.switchboard.conversations.testing.Messages;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.MessageData;
import dev.switchboard.testing.TestKafka;
import dev.switchboard.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The largest and oddest messages Twilio sends are stored as sent: Body byte for byte (in the row and through the
 * API), every media item, every parameter, unknown and repeated ones included. (U+0000, which PostgreSQL text cannot
 * hold, is refused by webhook-ingest: {@code BodyLimitTest}.)
 */
@QuarkusTest
class PayloadFidelityTest {

    @Inject
    Database database;

    static Stream<Arguments> oddMessages() {
        return Stream.of(
                Arguments.of("32 KB Conversations message", aMessage()
                        .inConversation(Messages.sid("CH"), "worker-7")
                        .body("b".repeat(8_000) + "\u00e9\u4e2d\uD83D\uDE00".repeat(2_000))
                        .param("Attributes", "{\"notes\":\"" + "a".repeat(16_000) + "\"}")),
                Arguments.of("1,600-emoji SMS", aMessage().from(Messages.phoneNumber()).to(Messages.phoneNumber())
                        .body("\uD83D\uDE00".repeat(1_600))),
                Arguments.of("10 media", withTenMedia(aMessage().body(""))),
                Arguments.of("unknown and repeated parameters", aMessage().body("params")
                        .param("BrandNewParam", "kept \u2028 as is").param("Tag", "b,a")),
                Arguments.of("control characters and bidi overrides", aMessage()
                        .body("tab\tline\r\nbell\u0007 \u202Eevil\u202C zero-width\u200B end")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oddMessages")
    void oddMessageIsStoredAsSent(String name, Messages message) {
        MessageData sent = message.data();

        TestKafka.broker().publishMessageEvent(message.event(EventTypes.MESSAGE_ADDED));
        JsonObject row = database.awaitMessage(message.messageSid());

        assertEquals(sent.body(), row.getString("body"));
        assertEquals(sent.media().size(), row.getInteger("num_media"));
        assertEquals(sent.media().size(), new io.vertx.core.json.JsonArray(row.getValue("media_items").toString()).size());
        assertEquals(sent.twilioParams(), new JsonObject(row.getValue("twilio_params").toString()).getMap());
        String served = given().auth().oauth2(TestTokens.serviceRole())
                .when().get("/messages/{id}", row.getLong("id"))
                .then().statusCode(200)
                .extract().jsonPath().getString("body");
        assertEquals(sent.body(), served);
    }

    /** On a host media is never fetched from: the items are refused at once instead of keeping the media consumer busy. */
    private static Messages withTenMedia(Messages message) {
        IntStream.range(0, 10).forEach(i -> message.media("https://media.example.com/" + Messages.sid("ME"),
                i % 2 == 0 ? "image/jpeg" : "image/png"));
        return message;
    }
}
