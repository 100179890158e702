package dev.switchboard.ingest.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.events.Event;
import dev.switchboard.events.EventSources;
import dev.switchboard.events.MediaItem;
import dev.switchboard.events.MessageData;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
class ConversationsWebhookTest {

    static Stream<Arguments> postEvents() {
        return Stream.of(
                Arguments.of(TwilioWebhook.conversationMessage("onMessageAdded", "hi"), "message.added"),
                Arguments.of(TwilioWebhook.conversationMessage("onMessageUpdated", "hi, edited")
                        .with("DateUpdated", "2026-11-23T09:01:00Z"), "message.updated"),
                Arguments.of(TwilioWebhook.conversationMessage("onMessageRemoved", "hi"), "message.removed"),
                Arguments.of(TwilioWebhook.conversationMessage("onDeliveryUpdated", "hi").with("Status", "read")
                        .with("DeliveryReceiptSid", TwilioWebhook.sid("DY")), "message.status"),
                Arguments.of(TwilioWebhook.conversations("onParticipantAdded").with("ParticipantSid",
                        TwilioWebhook.sid("MB")).with("Identity", "worker-7"), "conversation.onParticipantAdded"),
                Arguments.of(TwilioWebhook.conversations("onConversationStateUpdated").with("StateTo", "closed"),
                        "conversation.onConversationStateUpdated"),
                Arguments.of(TwilioWebhook.conversations("onSomethingTwilioAddsLater"),
                        "conversation.onSomethingTwilioAddsLater"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("postEvents")
    void signedPostEventIsForwardedAsExactlyOneEventKeyedByConversation(TwilioWebhook webhook, String type) {
        webhook.post()
                .then()
                .statusCode(200);

        ConsumerRecord<String, Event<MessageData>> record = webhook.onlyEvent();
        MessageData data = record.value().data();
        assertEquals(type, record.value().type());
        assertEquals(EventSources.CONVERSATIONS, record.value().source());
        assertEquals(webhook.get("ConversationSid"), record.key());
        assertEquals(webhook.get("MessageSid"), data.messageSid());
        assertEquals(webhook.get("Body"), data.body());
        assertEquals(webhook.get("Status"), data.status());
        assertEquals("chat", data.channel());
        assertEquals(webhook.expectedTwilioParams(), data.twilioParams());
    }

    @Test
    void addedMessageCarriesItsFieldsAndMediaFromTheMediaJson() {
        TwilioWebhook webhook = TwilioWebhook.conversationMessage("onMessageAdded", "")
                .with("Media", "[{\"Sid\":\"ME1\",\"Filename\":\"task.jpg\",\"ContentType\":\"image/jpeg\","
                        + "\"Size\":48213,\"Category\":\"media\"},{\"Sid\":\"ME2\",\"Filename\":null,"
                        + "\"ContentType\":\"video/mp4\",\"Size\":1024,\"Category\":\"media\"}]");

        webhook.post()
                .then()
                .statusCode(200);

        MessageData data = webhook.onlyEvent().value().data();
        assertEquals(List.of(new MediaItem("ME1", null, "image/jpeg", "task.jpg", 48213L),
                new MediaItem("ME2", null, "video/mp4", null, 1024L)), data.media());
        assertEquals(3, data.index());
        assertEquals("worker-7", data.author());
        assertEquals(webhook.get("ParticipantSid"), data.participantSid());
        assertEquals(webhook.get("Attributes"), data.attributes());
        assertEquals(Instant.parse("2026-11-23T09:00:00.123Z"), data.dateCreated());
    }

    /** Conversations bodies reach 32 KB (Attributes alone may be 16 KB); Quarkus' 2 KB form limit must not bite. */
    @Test
    void thirtyTwoKilobyteConversationsWebhookIsAccepted() {
        TwilioWebhook webhook = TwilioWebhook.conversationMessage("onMessageAdded", "b".repeat(16_000))
                .with("Attributes", "{\"notes\":\"" + "a".repeat(16_000) + "\"}");

        webhook.post()
                .then()
                .statusCode(200);

        assertEquals(webhook.get("Attributes"), webhook.onlyEvent().value().data().attributes());
    }

    @Test
    void conversationsWebhookWithoutEventTypeIsRefusedAsMalformed() {
        TwilioWebhook webhook = TwilioWebhook.conversations("none").without("EventType");

        webhook.post()
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("reason", org.hamcrest.Matchers.equalTo("missing-event-type"));

        webhook.assertNoEvent();
    }
}
