package dev.switchboard.twilio.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.type.PhoneNumber;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** Webhooks Twilio never delivered, on demand: the resources stay, only the webhooks are lost. */
class WebhookDropsTest extends ReceivingStandInTest {

    WebhookDropsTest() {
        super(true);
    }

    @Test
    void aDroppedInboundSmsIsListedByTwilioButNeverReachesTheReceiverUntilDroppingIsTurnedOff() {
        String number = TestData.phoneNumber();
        assertEquals(201, control.drop("{\"kinds\": [\"messaging\"]}").statusCode());

        JsonNode lost = inbound(number, "lost");

        assertEquals(List.of(true, "messaging"), List.of(lost.path("webhook_dropped").asBoolean(),
                lost.path("routed_to").asText()));
        assertEquals(List.of(), receiver.within(300), "the receiver never hears of it");
        List<com.twilio.rest.api.v2010.account.Message> listed = StreamSupport.stream(
                com.twilio.rest.api.v2010.account.Message.reader().setTo(number).read(client).spliterator(), false).toList();
        assertEquals(List.of(lost.path("sms_sid").asText()), listed.stream().map(m -> m.getSid()).toList());
        assertEquals(com.twilio.rest.api.v2010.account.Message.Direction.INBOUND, listed.get(0).getDirection());
        JsonNode dropped = control.dropped("messaging");
        assertEquals(1, dropped.size());
        assertEquals(lost.path("sms_sid").asText(), dropped.path(0).path("params").path("MessageSid").asText());

        assertEquals(204, control.stopDropping().statusCode());
        JsonNode delivered = inbound(number, "heard");

        assertEquals(List.of(false, 200), List.of(delivered.path("webhook_dropped").asBoolean(),
                delivered.path("webhook_status").asInt()));
        assertEquals("heard", receiver.next().param("Body"));
        assertEquals(1, control.dropped("messaging").size(), "what was dropped stays listed");
    }

    @Test
    void theNextNConversationsWebhooksAreDroppedThenTheyAreSentAgain() {
        String sid = Conversation.creator().create(client).getSid();
        control.drop("{\"kinds\": [\"conversations\"], \"times\": 2}");
        assertEquals(2, control.drops().path("dropping").path("conversations").asInt());

        for (String body : List.of("one", "two", "three")) {
            Message.creator(sid).setBody(body).setXTwilioWebhookEnabled(Message.WebhookEnabledType.TRUE).create(client);
        }

        WebhookReceiver.Received sent = receiver.next();
        assertEquals(List.of("onMessageAdded", "three"), List.of(sent.eventType(), sent.param("Body")));
        assertEquals(List.of(), receiver.within(300));
        assertEquals(List.of("one", "two"), bodies(control.dropped("conversations")));
        assertEquals(List.of("one", "two", "three"), StreamSupport.stream(Message.reader(sid).read(client).spliterator(),
                false).map(Message::getBody).toList(), "every message is in the conversation");
        assertTrue(control.drops().path("dropping").isEmpty(), "two dropped, dropping ends by itself");
    }

    @Test
    void droppedStatusCallbacksLeaveTheMessageDelivered() throws InterruptedException {
        control.drop("{\"kinds\": [\"status\"]}");

        com.twilio.rest.api.v2010.account.Message message = com.twilio.rest.api.v2010.account.Message.creator(
                        new PhoneNumber(TestData.phoneNumber()), new PhoneNumber(TestData.phoneNumber()), "hi")
                .setStatusCallback(URI.create(receiver.url("/status"))).create(client);

        assertEquals(List.of(), receiver.within(500));
        assertEquals(com.twilio.rest.api.v2010.account.Message.Status.DELIVERED,
                com.twilio.rest.api.v2010.account.Message.fetcher(message.getSid()).fetch(client).getStatus());
        JsonNode dropped = control.dropped("status");
        assertEquals(List.of("sent", "delivered"), List.of(dropped.path(0).path("params").path("MessageStatus").asText(),
                dropped.path(1).path("params").path("MessageStatus").asText()));
        assertEquals(0, control.dropped("messaging").size(), "only the kinds asked for are dropped");
    }

    @Test
    void anUnknownKindOrABadCountIsAProblemAndClearingTheLogStopsDropping() {
        HttpResponse<byte[]> unknown = control.drop("{\"kinds\": [\"voice\"]}");
        HttpResponse<byte[]> zero = control.drop("{\"times\": 0}");

        assertEquals(List.of(400, 400), List.of(unknown.statusCode(), zero.statusCode()));
        assertEquals("application/problem+json", unknown.headers().firstValue("Content-Type").orElseThrow());
        control.drop("{}");
        assertEquals(3, control.drops().path("dropping").size(), "no kinds: every kind");
        control.clear();
        assertTrue(control.drops().path("dropping").isEmpty());
    }

    private JsonNode inbound(String to, String body) {
        return StandInControl.json(control.inboundSms(Json.MAPPER.createObjectNode().put("from", TestData.phoneNumber())
                .put("to", to).put("body", body).put("account_sid", accountSid)));
    }

    private static List<String> bodies(JsonNode dropped) {
        return StreamSupport.stream(dropped.spliterator(), false).map(d -> d.path("params").path("Body").asText()).toList();
    }
}
