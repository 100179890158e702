package dev.switchboard.twilio.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.message.Media;
import com.twilio.type.PhoneNumber;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** {@code GET .../Messages.json} and {@code .../Media.json} read through the Twilio SDK, page by page. */
class MessageListsTest extends ReceivingStandInTest {

    MessageListsTest() {
        super(false);
    }

    @Test
    void readingByDateSentWalksEveryPageNewestFirstIncludingInboundMessages() {
        String number = TestData.phoneNumber();
        List<String> made = received(number, 7);
        control.clear();

        List<Message> read = list(Message.reader().setTo(number)
                .setDateSentAfter(ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(5)).setPageSize(3L));

        List<String> newestFirst = new ArrayList<>(made);
        Collections.reverse(newestFirst);
        assertEquals(newestFirst, read.stream().map(Message::getSid).toList(), "every message, newest first");
        assertTrue(read.stream().allMatch(message -> message.getDirection() == Message.Direction.INBOUND));
        assertTrue(read.stream().allMatch(message -> message.getStatus() == Message.Status.RECEIVED));
        JsonNode pages = control.requests("/2010-04-01/");
        assertEquals(3, pages.size(), "three pages of at most 3: " + pages);
        assertTrue(pages.get(1).path("query").asText().contains("PageToken=PA" + made.get(4)), pages.toString());
        assertTrue(pages.get(2).path("query").asText().contains("DateSent%3E="), "links keep the filters");
    }

    @Test
    void aNextPageGoesOnAfterItsTokenThoughNewerMessagesArrivedMeanwhile() {
        String number = TestData.phoneNumber();
        List<String> made = received(number, 5);
        JsonNode first = page("/2010-04-01/Accounts/" + accountSid + "/Messages.json?To=" + number.replace("+", "%2B")
                + "&PageSize=2");

        inbound(TestData.phoneNumber(), number, "newer", List.of());
        inbound(TestData.phoneNumber(), number, "newest", List.of());
        JsonNode second = page(first.path("next_page_uri").asText());
        JsonNode third = page(second.path("next_page_uri").asText());

        assertEquals(List.of(made.get(4), made.get(3)), sids(first));
        assertEquals(List.of(made.get(2), made.get(1)), sids(second), "the page after the token's message");
        assertEquals(2, second.path("start").asInt(), "page 1 of pages of 2");
        assertTrue(second.path("previous_page_uri").asText().contains("PageToken=PB" + made.get(2)), second.toString());
        assertEquals(List.of(made.get(0)), sids(third));
        assertTrue(third.path("next_page_uri").isNull(), "the last page");
    }

    /** The SIDs of {@code count} messages received by {@code number}, oldest first. */
    private List<String> received(String number, int count) {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            made.add(inbound(TestData.phoneNumber(), number, "text " + i, List.of()).path("sms_sid").asText());
        }
        return made;
    }

    private JsonNode page(String uri) {
        return StandInControl.json(control.get(uri, accountSid, token));
    }

    private static List<String> sids(JsonNode page) {
        return StreamSupport.stream(page.path("messages").spliterator(), false)
                .map(message -> message.path("sid").asText()).toList();
    }

    @Test
    void dateSentBeforeAndOnSelectTheWindow() {
        String number = TestData.phoneNumber();
        String sid = inbound(TestData.phoneNumber(), number, "in the window", List.of()).path("sms_sid").asText();
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);

        assertEquals(List.of(), list(Message.reader().setTo(number).setDateSentBefore(now.minusMinutes(5))));
        assertEquals(List.of(sid), list(Message.reader().setTo(number).setDateSentBefore(now.plusMinutes(5)))
                .stream().map(Message::getSid).toList());
        JsonNode today = StandInControl.json(control.get("/2010-04-01/Accounts/" + accountSid + "/Messages.json?To="
                + number.replace("+", "%2B") + "&DateSent=" + now.toLocalDate(), accountSid, token));
        assertEquals(sid, today.path("messages").path(0).path("sid").asText(), "DateSent=day covers the whole day");
    }

    @Test
    void aMessageSentThroughTheApiIsListedOnceSentAndAdvancesWithoutAStatusCallback() throws InterruptedException {
        String to = TestData.phoneNumber();
        Message created = Message.creator(new PhoneNumber(to), new PhoneNumber(TestData.phoneNumber()), "hi")
                .create(client);
        assertNull(created.getDateSent(), "queued: not sent yet");

        Message delivered = awaitStatus(created.getSid(), Message.Status.DELIVERED);

        assertTrue(delivered.getDateSent() != null);
        assertEquals(List.of(created.getSid()), list(Message.reader().setTo(to)
                .setDateSentAfter(ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(5))).stream().map(Message::getSid).toList());
    }

    @Test
    void aReceivedMessageWithMediaIsListedWithItsMediaAndTheWebhookPointsAtIt() {
        String number = TestData.phoneNumber();
        control.putMediaNamed("ME" + "a".repeat(32), "image/jpeg", "photo.jpg", "jpeg".getBytes(StandardCharsets.UTF_8));
        control.putMedia("ME" + "b".repeat(32), "image/png", "png".getBytes(StandardCharsets.UTF_8));

        String sid = inbound(TestData.phoneNumber(), number, "", List.of("ME" + "a".repeat(32), "ME" + "b".repeat(32)))
                .path("sms_sid").asText();

        Message listed = list(Message.reader().setTo(number)).get(0);
        assertEquals(List.of(sid, "2"), List.of(listed.getSid(), listed.getNumMedia()));
        assertTrue(sid.startsWith("MM"), sid);
        assertEquals("/2010-04-01/Accounts/" + accountSid + "/Messages/" + sid + "/Media.json",
                listed.getSubresourceUris().get("media"));
        List<Media> media = StreamSupport.stream(Media.reader(sid).read(client).spliterator(), false).toList();
        assertEquals(List.of("image/jpeg", "image/png"), media.stream().map(Media::getContentType).toList());
        WebhookReceiver.Received webhook = receiver.next();
        assertEquals(List.of("2", "image/jpeg"), List.of(webhook.param("NumMedia"), webhook.param("MediaContentType0")));
        String mediaPath = webhook.param("MediaUrl0").substring(standIn.baseUrl().length());
        assertEquals("jpeg", new String(control.get(mediaPath, accountSid, token).body(), StandardCharsets.UTF_8));
    }

    @Test
    void aTextWithMediaThatJoinsAConversationBringsItsFirstMediaItem() {
        String conversation = com.twilio.rest.conversations.v1.Conversation.creator().create(client).getSid();
        String address = TestData.phoneNumber();
        String proxy = TestData.phoneNumber();
        com.twilio.rest.conversations.v1.conversation.Participant.creator(conversation)
                .setMessagingBindingAddress(address).setMessagingBindingProxyAddress(proxy).create(client);
        control.putMediaNamed("ME" + "d".repeat(32), "image/jpeg", "task.jpg", "photo".getBytes(StandardCharsets.UTF_8));

        JsonNode routed = inbound(address, proxy, "done", List.of("ME" + "d".repeat(32)));

        assertEquals("conversation", routed.path("routed_to").asText());
        com.twilio.rest.conversations.v1.conversation.Message message =
                com.twilio.rest.conversations.v1.conversation.Message.fetcher(conversation,
                        routed.path("message_sid").asText()).fetch(client);
        assertEquals("ME" + "d".repeat(32), ((java.util.Map<?, ?>) message.getMedia().get(0)).get("sid"));
        assertEquals("1", list(Message.reader().setTo(proxy)).get(0).getNumMedia());
    }

    @Test
    void unknownMediaOrABadPageSizeAreRefused() {
        assertEquals(400, control.inboundSms(Json.MAPPER.createObjectNode().put("from", TestData.phoneNumber())
                .put("to", TestData.phoneNumber()).set("media", Json.MAPPER.createArrayNode().add("ME" + "c".repeat(32))))
                .statusCode());
        JsonNode error = StandInControl.json(control.get("/2010-04-01/Accounts/" + accountSid
                + "/Messages.json?PageSize=0", accountSid, token));
        assertEquals(List.of(400, 20001), List.of(error.path("status").asInt(), error.path("code").asInt()));
    }

    private JsonNode inbound(String from, String to, String body, List<String> media) {
        ObjectNode json = Json.MAPPER.createObjectNode().put("from", from).put("to", to).put("body", body)
                .put("account_sid", accountSid);
        media.forEach(json.putArray("media")::add);
        return StandInControl.json(control.inboundSms(json));
    }

    private Message awaitStatus(String sid, Message.Status status) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            Message message = Message.fetcher(sid).fetch(client);
            if (message.getStatus() == status) {
                return message;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(sid + " never became " + status);
    }

    private List<Message> list(com.twilio.rest.api.v2010.account.MessageReader reader) {
        return StreamSupport.stream(reader.read(client).spliterator(), false).toList();
    }
}
