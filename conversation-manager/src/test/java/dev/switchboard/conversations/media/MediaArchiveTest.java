package dev.switchboard.conversations.media;

import static dev.switchboard.conversations.testing.Messages.aMessage;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.conversations.testing.Database;
import dev.switchboard.conversations.testing.Messages;
import dev.switchboard.testing.StandIn;
import dev.switchboard.events.EventTypes;
import dev.switchboard.testing.TestKafka;
import dev.switchboard.testing.TestTokens;
import dev.switchboard.testing.Waits;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
class MediaArchiveTest {

    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A };
    private static final byte[] JPEG = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0 };
    /** GIF89a, 320 x 240: the screen size is read, so it cannot be left to the random filler. */
    private static final byte[] GIF = { 'G', 'I', 'F', '8', '9', 'a', 0x40, 0x01, (byte) 0xF0, 0x00 };

    @Inject
    Database database;

    @Test
    void whatsappMessageWithThreeImagesKeepsThemByteExactAndServesThem() {
        Messages message = aMessage();
        List<Map.Entry<String, byte[]>> images = List.of(Map.entry("image/png", image(PNG)),
                Map.entry("image/jpeg", image(JPEG)), Map.entry("image/gif", image(GIF)));
        for (Map.Entry<String, byte[]> image : images) {
            String mediaSid = Messages.sid("ME");
            StandIn.putMedia(mediaSid, image.getKey(), image.getValue());
            message.media(StandIn.mediaUrl(message.messageSid(), mediaSid), image.getKey());
        }

        TestKafka.broker().publishMessageEvent(message.event(EventTypes.MESSAGE_ADDED));
        JsonObject row = awaitMediaStatus(message, "stored");

        long id = row.getLong("id");
        assertEquals(List.of("/messages/" + id + "/media/0", "/messages/" + id + "/media/1",
                "/messages/" + id + "/media/2"), row.getJsonArray("storage_urls").getList());
        for (int index = 0; index < images.size(); index++) {
            byte[] served = given().auth().oauth2(TestTokens.serviceRole())
                    .when().get("/messages/{id}/media/{index}", id, index)
                    .then().statusCode(200).contentType(images.get(index).getKey())
                    .extract().asByteArray();
            assertArrayEquals(images.get(index).getValue(), served);
        }
        // Clients name the message by its SID: the API's storage_urls (SID paths) serve the same bytes.
        List<String> storageUrls = given().auth().oauth2(TestTokens.serviceRole())
                .when().get("/messages/{sid}", message.messageSid())
                .then().statusCode(200).body("media_status", equalTo("stored"))
                .extract().jsonPath().getList("storage_urls");
        assertEquals(List.of(0, 1, 2).stream().map(i -> "/messages/" + message.messageSid() + "/media/" + i).toList(),
                storageUrls);
        for (int index = 0; index < images.size(); index++) {
            assertArrayEquals(images.get(index).getValue(), given().auth().oauth2(TestTokens.serviceRole())
                    .when().get(storageUrls.get(index))
                    .then().statusCode(200).contentType(images.get(index).getKey())
                    .extract().asByteArray());
        }
        String base64 = given().auth().oauth2(TestTokens.serviceRole()).queryParam("as_base64", true)
                .when().get("/messages/{id}/media/{index}", id, 1)
                .then().statusCode(200).body("content_type", equalTo("image/jpeg"))
                .extract().jsonPath().getString("data");
        assertArrayEquals(images.get(1).getValue(), Base64.getDecoder().decode(base64));
        assertTrue(StandIn.requestsContaining(message.messageSid()).stream()
                .allMatch(request -> String.valueOf(request.get("headers")).contains("Basic ")),
                "every media request carries Twilio Basic auth");
    }

    @Test
    void mediaUrlOnLoopbackOrAForeignHostIsNeverFetchedAndTheRowIsKeptWithTheError() {
        String mediaSid = Messages.sid("ME");
        StandIn.putMedia(mediaSid, "image/png", image(PNG));
        Messages loopback = aMessage();
        loopback.media(StandIn.baseUrl() + "/2010-04-01/Accounts/" + StandIn.ACCOUNT_SID + "/Messages/"
                + loopback.messageSid() + "/Media/" + mediaSid, "image/png");
        Messages foreign = aMessage().media("https://media.example.com/" + mediaSid + ".png", "image/png");
        Messages ipLiteral = aMessage().media("https://127.0.0.1/2010-04-01/Media/" + mediaSid, "image/png");
        Messages cloudMetadata = aMessage().media("http://169.254.169.254/latest/meta-data/iam/" + mediaSid, "image/png");

        for (Messages message : List.of(loopback, foreign, ipLiteral, cloudMetadata)) {
            TestKafka.broker().publishMessageEvent(message.event(EventTypes.MESSAGE_ADDED));
            JsonObject row = awaitMediaStatus(message, "failed");
            assertTrue(row.getString("media_error").contains("refused"), row.getString("media_error"));
            assertNull(row.getValue("media_retry_at"), "a forbidden host is not retried");
            assertEquals(message.data().body(), row.getString("body"), "the message itself is kept");
        }
        assertEquals(List.of(), StandIn.requestsContaining(mediaSid), "nothing was requested");
    }

    static Stream<Arguments> unacceptableItems() {
        byte[] html = "<html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("HTML claimed as PNG", "image/png", html, "not a supported image"),
                Arguments.of("HTML named .jpg", "image/jpeg", html, "not a supported image"),
                Arguments.of("one byte over the limit", "image/jpeg", sized(JPEG, 100_001), "over 100000"),
                Arguments.of("20 MB, refused from its Content-Length before the body is read", "image/jpeg",
                        sized(JPEG, 20 * 1024 * 1024), "20971520 bytes announced"),
                Arguments.of("45-byte PNG declaring 100,000 x 100,000 pixels (40 GB decoded)", "image/png",
                        pngDeclaring(100_000, 100_000), "declares 10000000000 pixels"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unacceptableItems")
    void unacceptableItemIsRefusedForGoodAndTheMessageIsKept(String name, String contentType, byte[] bytes,
            String error) {
        String mediaSid = Messages.sid("ME");
        StandIn.putMedia(mediaSid, contentType, bytes);
        Messages message = aMessage();
        message.media(StandIn.mediaUrl(message.messageSid(), mediaSid), contentType);

        TestKafka.broker().publishMessageEvent(message.event(EventTypes.MESSAGE_ADDED));

        JsonObject row = awaitMediaStatus(message, "failed");
        assertTrue(row.getString("media_error").contains(error), row.getString("media_error"));
        assertNull(row.getValue("media_retry_at"), "trying again cannot make it acceptable");
        assertEquals(message.data().body(), row.getString("body"), "the message itself is kept");
        given().auth().oauth2(TestTokens.serviceRole())
                .when().get("/messages/{id}/media/0", row.getLong("id"))
                .then().statusCode(404);
    }

    /** Twilio redirects media to its CDN; a redirect anywhere else is refused before it is followed. */
    @Test
    void redirectOffTheAllowlistIsNotFollowed() {
        String mediaSid = Messages.sid("ME");
        StandIn.putMedia(mediaSid, "image/png", image(PNG));
        Messages message = aMessage();
        message.media(StandIn.mediaUrl(message.messageSid(), mediaSid), "image/png");
        StandIn.answer("/Media/" + mediaSid, 302, Map.of("Location", "https://169.254.169.254/latest/meta-data/"
                + mediaSid), "");

        TestKafka.broker().publishMessageEvent(message.event(EventTypes.MESSAGE_ADDED));

        JsonObject row = awaitMediaStatus(message, "failed");
        assertTrue(row.getString("media_error").contains("refused https://169.254.169.254"), row.getString("media_error"));
        assertNull(row.getValue("media_retry_at"), "a forbidden redirect is not retried");
        assertEquals(message.data().body(), row.getString("body"), "the message itself is kept");
        assertEquals(1, StandIn.requestsContaining(mediaSid).size(), "only the redirecting request was made");
    }

    /** The same event again (a Kafka redelivery, Twilio's retry) does not fetch an item that was refused for good. */
    @Test
    void aFinalRefusalStaysFinalWhenTheEventComesAgain() {
        String mediaSid = Messages.sid("ME");
        StandIn.putMedia(mediaSid, "image/png", image(PNG));
        Messages message = aMessage();
        message.media(StandIn.mediaUrl(message.messageSid(), mediaSid), "image/png");
        StandIn.answer("/Media/" + mediaSid, 302, Map.of("Location", "https://169.254.169.254/" + mediaSid), "");
        TestKafka.broker().publishMessageEvent(message.event(EventTypes.MESSAGE_ADDED));
        awaitMediaStatus(message, "failed");

        // Now the stand-in would serve the item. The channel works several messages at once, in no set order: the
        // repeated event has been handled once the media group committed past it.
        MediaGroup.awaitHandled(TestKafka.broker().publishMessageEvent(message.event(EventTypes.MESSAGE_ADDED)));

        JsonObject row = database.message(message.messageSid());
        assertEquals("failed", row.getString("media_status"));
        assertTrue(row.getString("media_error").contains("refused https://169.254.169.254"), row.getString("media_error"));
        assertEquals(1, StandIn.requestsContaining(mediaSid).size(), "the refused item was not fetched again");
    }

    /** A body whose length is not announced is read up to the cap and no further: the stream is reset there. */
    @Test
    void unannouncedBodyIsCutOffAtTheCap() {
        String mediaSid = Messages.sid("ME");
        Messages message = aMessage();
        message.media(StandIn.mediaUrl(message.messageSid(), mediaSid), "image/jpeg");
        StandIn.answer("/Media/" + mediaSid, 200, Map.of("Content-Type", "image/jpeg", "Transfer-Encoding", "chunked"),
                "x".repeat(300_000));

        TestKafka.broker().publishMessageEvent(message.event(EventTypes.MESSAGE_ADDED));

        JsonObject row = awaitMediaStatus(message, "failed");
        assertTrue(row.getString("media_error").contains("over 100000 bytes (more bytes sent)"),
                row.getString("media_error"));
        assertNull(row.getValue("media_retry_at"), "a too large item stays too large");
        assertEquals(message.data().body(), row.getString("body"), "the message itself is kept");
    }

    @Test
    void mediaThatTwilioDoesNotServeYetIsRetriedUntilItIsKept() {
        String mediaSid = Messages.sid("ME");
        Messages message = aMessage();
        message.media(StandIn.mediaUrl(message.messageSid(), mediaSid), "image/jpeg");

        TestKafka.broker().publishMessageEvent(message.event(EventTypes.MESSAGE_ADDED));
        JsonObject failed = awaitMediaStatus(message, "failed");
        assertTrue(failed.getString("media_error").contains("404"), failed.getString("media_error"));
        byte[] late = image(JPEG);
        StandIn.putMedia(mediaSid, "image/jpeg", late);

        JsonObject stored = awaitMediaStatus(message, "stored");
        byte[] served = given().auth().oauth2(TestTokens.serviceRole())
                .when().get("/messages/{id}/media/0", stored.getLong("id"))
                .then().statusCode(200).extract().asByteArray();
        assertArrayEquals(late, served);
    }

    private JsonObject awaitMediaStatus(Messages message, String status) {
        return Waits.waitFor("media_status " + status + " of " + message.messageSid())
                .until(() -> database.message(message.messageSid()),
                        row -> row != null && status.equals(row.getString("media_status")));
    }

    private static byte[] sized(byte[] magic, int size) {
        byte[] bytes = new byte[size];
        System.arraycopy(magic, 0, bytes, 0, magic.length);
        return bytes;
    }

    /** A PNG signature and IHDR chunk header with these dimensions, then nothing worth decoding. */
    private static byte[] pngDeclaring(int width, int height) {
        ByteBuffer png = ByteBuffer.allocate(45).put(PNG).putInt(13).put("IHDR".getBytes(StandardCharsets.US_ASCII))
                .putInt(width).putInt(height);
        return png.array();
    }

    /** Random bytes behind a real magic header, so a byte-exact comparison means something. */
    private static byte[] image(byte[] magic) {
        byte[] bytes = new byte[20_000 + new Random().nextInt(10_000)];
        new Random().nextBytes(bytes);
        System.arraycopy(magic, 0, bytes, 0, magic.length);
        return bytes;
    }
}
