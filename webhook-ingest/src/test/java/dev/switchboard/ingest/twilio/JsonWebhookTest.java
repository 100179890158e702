package dev.switchboard.ingest.twilio;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.events.Event;
import dev.switchboard.events.MessageData;
import dev.switchboard.testing.TestKafka;
import dev.switchboard.testing.TwilioSignatures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Twilio's JSON webhooks: the signature covers the URL, whose bodySHA256 parameter pins the body. */
@QuarkusTest
class JsonWebhookTest {

    private static String body(String messageSid, String text) {
        return "{\"EventType\":\"onMessageAdded\",\"AccountSid\":\"" + TwilioWebhook.accountSid() + "\","
                + "\"ConversationSid\":\"CH" + messageSid.substring(2) + "\",\"MessageSid\":\"" + messageSid + "\","
                + "\"Author\":\"worker-7\",\"Body\":\"" + text + "\",\"Index\":4,"
                + "\"Media\":[{\"Sid\":\"ME1\",\"ContentType\":\"image/png\",\"Filename\":\"a.png\",\"Size\":3}]}";
    }

    private static String urlFor(String body) throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(body.getBytes(StandardCharsets.UTF_8)));
        return "http://localhost:" + RestAssured.port + TwilioWebhook.CONVERSATIONS + "?bodySHA256=" + sha;
    }

    private static String token() {
        return ConfigProvider.getConfig().getValue("twilio.auth-token", String.class);
    }

    private static List<ConsumerRecord<String, Event<MessageData>>> eventsOf(String messageSid) {
        return TestKafka.broker().messageEventsToEnd(event -> messageSid.equals(event.data().messageSid()));
    }

    @Test
    void signedJsonWebhookIsPublishedWithItsMembersAsParameters() throws Exception {
        String sid = TwilioWebhook.sid("IM");
        String body = body(sid, "hello");
        String url = urlFor(body);

        given().contentType("application/json").header("X-Twilio-Signature", TwilioSignatures.sign(token(), url, List.of()))
                .body(body).post(url).then().statusCode(200);

        List<ConsumerRecord<String, Event<MessageData>>> events = eventsOf(sid);
        assertEquals(1, events.size());
        MessageData message = events.get(0).value().data();
        assertEquals("hello", message.body());
        assertEquals(4, message.index());
        assertEquals("image/png", message.media().get(0).contentType());
    }

    @Test
    void aBodyChangedAfterSigningOrAUrlWithoutBodyHashIsRefused() throws Exception {
        String sid = TwilioWebhook.sid("IM");
        String signedBody = body(sid, "hello");
        String url = urlFor(signedBody);
        String signature = TwilioSignatures.sign(token(), url, List.of());
        String withoutHash = "http://localhost:" + RestAssured.port + TwilioWebhook.CONVERSATIONS;

        given().contentType("application/json").header("X-Twilio-Signature", signature)
                .body(body(sid, "tampered")).post(url).then().statusCode(403);
        given().contentType("application/json")
                .header("X-Twilio-Signature", TwilioSignatures.sign(token(), withoutHash, List.of()))
                .body(signedBody).post(withoutHash).then().statusCode(403);
        given().contentType("application/json").header("X-Twilio-Signature", signature)
                .body("[1,2]").post(url).then().statusCode(400);

        assertEquals(0, eventsOf(sid).size(), "nothing refused reaches Kafka");
    }
}
