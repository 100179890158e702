package dev.switchboard.twilio.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.exception.ApiException;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.conversations.v1.conversation.Participant;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class SmsParticipantsTest extends ReceivingStandInTest {

    SmsParticipantsTest() {
        super(false);
    }

    @Test
    void aMessageIsTextedToEverySmsParticipantButItsAuthorFromTheirProxyAddress() {
        String sid = conversation();
        String address = TestData.phoneNumber();
        String proxy = TestData.phoneNumber();
        String whatsapp = "whatsapp:" + TestData.phoneNumber();
        String whatsappProxy = "whatsapp:" + TestData.phoneNumber();
        Participant.creator(sid).setIdentity("dispatcher").create(client);
        Participant.creator(sid).setMessagingBindingAddress(address).setMessagingBindingProxyAddress(proxy).create(client);
        Participant.creator(sid).setMessagingBindingAddress(whatsapp).setMessagingBindingProxyAddress(whatsappProxy)
                .create(client);

        Message.creator(sid).setAuthor("dispatcher").setBody("Job at 5").create(client);
        Message.creator(sid).setAuthor(address).setBody("On it").create(client);

        List<com.twilio.rest.api.v2010.account.Message> toSms = read(address);
        assertEquals(1, toSms.size(), "the SMS participant is not texted its own message");
        assertEquals(proxy, toSms.get(0).getFrom().toString());
        assertEquals("Job at 5", toSms.get(0).getBody());
        assertEquals(com.twilio.rest.api.v2010.account.Message.Direction.OUTBOUND_API, toSms.get(0).getDirection());
        assertEquals(Conversation.fetcher(sid).fetch(client).getMessagingServiceSid(),
                toSms.get(0).getMessagingServiceSid());
        assertEquals(List.of("Job at 5", "On it"), read(whatsapp).stream()
                .map(com.twilio.rest.api.v2010.account.Message::getBody).sorted().toList());
        assertEquals(List.of(whatsappProxy, whatsappProxy), read(whatsapp).stream()
                .map(message -> message.getFrom().toString()).toList());
        assertEquals(3, control.messages().size(), "each is a Message resource the control API lists too");
    }

    @Test
    void anInboundSmsFromAParticipantsAddressToItsProxyJoinsTheConversationAndIsAlwaysAnnounced() {
        String sid = conversation();
        String address = TestData.phoneNumber();
        String proxy = TestData.phoneNumber();
        String other = TestData.phoneNumber();
        String otherProxy = TestData.phoneNumber();
        Participant texter = Participant.creator(sid).setMessagingBindingAddress(address)
                .setMessagingBindingProxyAddress(proxy).create(client);
        Participant.creator(sid).setMessagingBindingAddress(other).setMessagingBindingProxyAddress(otherProxy)
                .create(client);

        HttpResponse<byte[]> answer = control.inboundSms(address, proxy, "Running late");

        assertEquals(200, answer.statusCode());
        JsonNode routed = StandInControl.json(answer);
        assertEquals("conversation", routed.path("routed_to").asText());
        assertEquals(sid, routed.path("conversation_sid").asText());
        assertEquals(texter.getSid(), routed.path("participant_sid").asText());
        Message message = StreamSupport.stream(Message.reader(sid).read(client).spliterator(), false).findFirst()
                .orElseThrow();
        assertEquals(List.of(address, "Running late", texter.getSid(), routed.path("message_sid").asText()),
                List.of(message.getAuthor(), message.getBody(), message.getParticipantSid(), message.getSid()));
        WebhookReceiver.Received added = receiver.next();
        assertEquals(List.of("/webhooks/twilio/conversations", "onMessageAdded", "SMS", address, texter.getSid(),
                        "Running late", message.getSid(), "0"),
                List.of(added.path(), added.eventType(), added.param("Source"), added.param("Author"),
                        added.param("ParticipantSid"), added.param("Body"), added.param("MessageSid"),
                        added.param("Index")));
        assertTrue(added.signedWith(token));
        assertEquals(List.of(), receiver.within(300), "the Messaging webhook is not called");
        List<com.twilio.rest.api.v2010.account.Message> toOther = read(other);
        assertEquals(List.of(otherProxy, "Running late"),
                List.of(toOther.get(0).getFrom().toString(), toOther.get(0).getBody()));
        assertEquals(List.of("inbound"), read(proxy).stream().map(m -> m.getDirection().toString()).toList(),
                "the texter gets no copy; the inbound SMS itself is kept");
    }

    @Test
    void anInboundSmsThatNoOpenConversationTakesGoesToTheMessagingWebhook() {
        String sid = conversation();
        String address = TestData.phoneNumber();
        String proxy = TestData.phoneNumber();
        Participant.creator(sid).setMessagingBindingAddress(address).setMessagingBindingProxyAddress(proxy).create(client);
        Conversation.updater(sid).setState(Conversation.State.CLOSED).update(client);

        JsonNode routed = StandInControl.json(control.inboundSms(address, proxy, "hello?"));

        assertEquals(List.of("messaging", 200), List.of(routed.path("routed_to").asText(),
                routed.path("webhook_status").asInt()));
        WebhookReceiver.Received webhook = receiver.next();
        assertEquals("/webhooks/twilio/messaging", webhook.path());
        assertEquals(List.of(address, proxy, "hello?", routed.path("sms_sid").asText(), StandInSettings.DEFAULT_ACCOUNT_SID,
                        "received"),
                List.of(webhook.param("From"), webhook.param("To"), webhook.param("Body"), webhook.param("MessageSid"),
                        webhook.param("AccountSid"), webhook.param("SmsStatus")));
        assertTrue(webhook.signedWith(token));
        assertEquals(0, StreamSupport.stream(Message.reader(sid).read(client).spliterator(), false).count());
    }

    @Test
    void aSecondParticipantWithTheSameAddressAndProxyAddressIsRefusedUntilTheFirstConversationCloses() {
        String first = conversation();
        String second = conversation();
        String address = TestData.phoneNumber();
        String proxy = TestData.phoneNumber();
        Participant.creator(first).setMessagingBindingAddress(address).setMessagingBindingProxyAddress(proxy).create(client);

        ApiException elsewhere = assertThrows(ApiException.class, () -> Participant.creator(second)
                .setMessagingBindingAddress(address).setMessagingBindingProxyAddress(proxy).create(client));
        ApiException again = assertThrows(ApiException.class, () -> Participant.creator(first)
                .setMessagingBindingAddress(address).setMessagingBindingProxyAddress(proxy).create(client));
        Participant.creator(second).setMessagingBindingAddress(address)
                .setMessagingBindingProxyAddress(TestData.phoneNumber()).create(client);
        Conversation.updater(first).setState(Conversation.State.CLOSED).update(client);
        Participant rebound = Participant.creator(conversation()).setMessagingBindingAddress(address)
                .setMessagingBindingProxyAddress(proxy).create(client);

        assertEquals(List.of(409, 50416), List.of(elsewhere.getStatusCode(), elsewhere.getCode()));
        assertTrue(elsewhere.getMessage().contains(first), elsewhere.getMessage());
        assertEquals(List.of(409, 50416), List.of(again.getStatusCode(), again.getCode()));
        assertTrue(rebound.getSid().startsWith("MB"));
    }

    @Test
    void aControlCallWithoutFromOrToIsAProblem() {
        HttpResponse<byte[]> answer = control.inboundSms("", TestData.phoneNumber(), "hi");

        assertEquals(400, answer.statusCode());
        assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""));
    }

    private String conversation() {
        return Conversation.creator().setUniqueName(TestData.name("gig")).create(client).getSid();
    }

    private List<com.twilio.rest.api.v2010.account.Message> read(String to) {
        return StreamSupport.stream(com.twilio.rest.api.v2010.account.Message.reader().setTo(to).read(client)
                .spliterator(), false).toList();
    }
}
