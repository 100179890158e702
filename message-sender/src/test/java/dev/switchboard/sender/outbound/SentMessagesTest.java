package dev.switchboard.sender.outbound;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.switchboard.events.ConversationKey;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventHeaders;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.EventSources;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.MessageData;
import dev.switchboard.events.Topics;
import dev.switchboard.sender.testing.OutboundRows;
import dev.switchboard.sender.testing.SendRequests;
import dev.switchboard.testing.TestKafka;
import dev.switchboard.testing.TestTokens;
import dev.switchboard.testing.Waits;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A message Switchboard sends is a message (announced on twilio.message-events as an outbound message.added, which
 * conversation-manager stores and the gateway streams), and the outbound log follows Twilio's status callbacks.
 * The callbacks are published as webhook-ingest's StatusEvents publishes them: webhook-ingest does not run here.
 */
@QuarkusTest
class SentMessagesTest {

    private static final Duration QUIET = Duration.ofSeconds(2);

    @Inject
    Announcements announcements;

    @Inject
    Pool pool;

    @Test
    void anSmsSendIsAnnouncedOnceAsAnOutboundMessageWithItsBodyMediaAndAddresses() {
        SendRequests request = SendRequests.sms().with("body", "Task done: +10 points")
                .media("https://example.com/done.jpg");
        try (TestKafka.Reader topic = TestKafka.broker().fromNow(Topics.MESSAGE_EVENTS)) {
            JsonPath sent = request.accepted().extract().jsonPath();
            request.accepted();
            String sid = sent.getString("twilioSid");

            List<Event<MessageData>> announced = topic.eventsUntilQuiet(MessageData.class, about(sid), QUIET);

            assertEquals(1, announced.size(), "one announcement, the repeated request adds none");
            Event<MessageData> added = announced.get(0);
            assertEquals(EventTypes.MESSAGE_ADDED, added.type());
            assertEquals(EventSources.MESSAGE_SENDER, added.source());
            assertEquals(MessageData.OUTBOUND, added.data().direction());
            assertEquals("Task done: +10 points", added.data().body());
            assertEquals(List.of("https://example.com/done.jpg"),
                    added.data().media().stream().map(media -> media.url()).toList());
            assertEquals("sms", added.data().channel());
            assertEquals("+15550000100", added.data().from());
            assertEquals(request.to(), added.data().to());
            assertEquals(sent.getString("twilioStatus"), added.data().status());
            assertEquals(ConversationKey.of(added.data()), added.subject(), "keyed like the exchange's inbound messages");
            OutboundMessage row = OutboundRows.byKey("http:service:" + request.idempotencyKey());
            assertEquals(row.addedEventId, added.id());
            assertNotNull(awaitAnnounced(row.id), "stamped once Kafka acknowledged it");
        }
    }

    @Test
    void theOutboundLogFollowsTwilioStatusCallbacksToDeliveredAndNeverBack() throws InterruptedException {
        SendRequests request = SendRequests.sms();
        JsonPath sent = request.accepted().extract().jsonPath();
        String id = sent.getString("id");
        String sid = sent.getString("twilioSid");
        Object settledAt = updatedAt(id);

        TestKafka.broker().publishMessageEvent(status(sid, request.to(), "sent", null));
        TestKafka.broker().publishMessageEvent(status(sid, request.to(), "delivered", null));
        TestKafka.broker().publishMessageEvent(status(sid, request.to(), "sent", null));

        awaitTwilioStatus(id, "delivered");
        Thread.sleep(QUIET.toMillis()); // not a wait for a condition: time for the late "sent" to be consumed
        JsonPath outbound = outbound(id);
        assertEquals("delivered", outbound.getString("twilioStatus"), "a late sent does not move it back");
        assertEquals("sent", outbound.getString("state"));
        assertEquals(settledAt, updatedAt(id), "the status follows in place: retention still counts from the settle");
    }

    /** Twilio may call back before the send's answer is committed with its SID: the status waits for the row. */
    @Test
    void aStatusThatOvertookItsSidIsAppliedOnceTheLogHasTheSid() throws InterruptedException {
        SendRequests request = SendRequests.sms();
        String id = request.accepted().extract().jsonPath().getString("id");
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");

        TestKafka.broker().publishMessageEvent(status(sid, request.to(), "delivered", null));
        Thread.sleep(1_000); // not a wait for a condition: the status arrives while no row has its SID
        pool.preparedQuery("UPDATE outbound_messages SET twilio_sid = $2 WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(id), sid)).await().indefinitely();

        assertEquals("delivered", awaitTwilioStatus(id, "delivered").getString("twilioStatus"));
    }

    private Object updatedAt(String id) {
        return pool.preparedQuery("SELECT updated_at FROM outbound_messages WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(id))).await().indefinitely().iterator().next().getValue("updated_at");
    }

    /**
     * The follower parses only records whose type header says message.status (or that have none, as producers before
     * the header wrote them): the rest of the topic is passed over unread. Both records share the conversation key, so
     * the follower meets them in order: were the mislabelled "delivered" read, the later "sent" could not follow it.
     */
    @Test
    void aRecordWhoseTypeHeaderIsNotAStatusIsPassedOverAndOneWithoutTheHeaderIsRead() {
        SendRequests request = SendRequests.sms();
        JsonPath sent = request.accepted().extract().jsonPath();
        String sid = sent.getString("twilioSid");
        Event<MessageData> delivered = status(sid, request.to(), "delivered", null);
        Event<MessageData> sentStatus = status(sid, request.to(), "sent", null);

        TestKafka.broker().publishRaw(Topics.MESSAGE_EVENTS, ConversationKey.of(delivered.data()),
                EventJson.write(delivered), Map.of(EventHeaders.TYPE, EventTypes.MESSAGE_ADDED));
        TestKafka.broker().publishRaw(Topics.MESSAGE_EVENTS, ConversationKey.of(sentStatus.data()),
                EventJson.write(sentStatus));

        assertEquals("sent", awaitTwilioStatus(sent.getString("id"), "sent").getString("twilioStatus"));
    }

    @Test
    void aFailedCallbackIsReportedWithItsErrorCode() {
        SendRequests request = SendRequests.whatsapp();
        JsonPath sent = request.accepted().extract().jsonPath();

        TestKafka.broker().publishMessageEvent(status(sent.getString("twilioSid"), "whatsapp:" + request.to(), "failed", 63016));

        JsonPath outbound = awaitTwilioStatus(sent.getString("id"), "failed");
        assertEquals(63016, outbound.getInt("errorCode"));
    }

    /**
     * The service's own relay runs every few seconds beside the one called here, and may take the row first: the topic
     * is read from before the row loses its stamp, and either relay's announcement counts. Both may publish it; the
     * event id is what makes that harmless (consumers drop the repeat).
     */
    @Test
    void aSendWhoseAnnouncementWasLostIsAnnouncedByTheRelayWithTheSameEventId() {
        SendRequests request = SendRequests.sms();
        JsonPath sent = request.accepted().extract().jsonPath();
        UUID id = UUID.fromString(sent.getString("id"));
        String eventId = OutboundRows.byKey("http:service:" + request.idempotencyKey()).addedEventId;
        awaitAnnounced(id);

        try (TestKafka.Reader topic = TestKafka.broker().fromNow(Topics.MESSAGE_EVENTS)) {
            pool.preparedQuery("UPDATE outbound_messages SET announced_at = NULL,"
                    + " updated_at = now() - interval '1 minute' WHERE id = $1").execute(Tuple.of(id))
                    .await().indefinitely();
            announcements.relay(0).await().indefinitely();

            List<Event<MessageData>> announced = topic.eventsUntilQuiet(MessageData.class, about(sent.getString("twilioSid")), QUIET);
            assertEquals(List.of(eventId), announced.stream().map(Event::id).distinct().toList());
            assertNotNull(awaitAnnounced(id));
        }
    }

    @Test
    void onlyAnSmsOrWhatsappTwilioAcceptedIsAMessageToAnnounce() {
        OutboundMessage sms = settled("sms", "SM" + UUID.randomUUID().toString().replace("-", ""), "sent");
        String first = sms.addedEventId;
        sms.settle(new Settled(OutboundState.SENT, sms.twilioSid, "queued", null, null, 1, null));

        assertNotNull(first);
        assertEquals(first, sms.addedEventId, "settling again keeps the event id");
        assertNull(settled("conversation", "IM" + UUID.randomUUID(), "sent").addedEventId,
                "a Conversations message comes back through onMessageAdded");
        assertNull(settled("sms", null, "failed").addedEventId);
    }

    private static OutboundMessage settled(String channel, String sid, String state) {
        OutboundMessage row = new OutboundMessage();
        row.channel = channel;
        row.settle(new Settled(OutboundState.valueOf(state.toUpperCase()), sid, sid == null ? null : "queued",
                null, null, 1, null));
        return row;
    }

    private static Predicate<Event<MessageData>> about(String sid) {
        return event -> EventTypes.MESSAGE_ADDED.equals(event.type()) && event.data() != null
                && sid.equals(event.data().messageSid());
    }

    /** As webhook-ingest's StatusEvents normalizes Twilio's status callback. */
    private static Event<MessageData> status(String sid, String to, String status, Integer errorCode) {
        String from = to.startsWith("whatsapp:") ? "whatsapp:+15550000200" : "+15550000100";
        Map<String, String> params = new HashMap<>(Map.of("MessageSid", sid, "MessageStatus", status, "From", from,
                "To", to));
        if (errorCode != null) {
            params.put("ErrorCode", errorCode.toString());
        }
        MessageData callback = new MessageData(sid, "AC" + "0".repeat(32), null, null,
                to.startsWith("whatsapp:") ? "whatsapp" : "sms", from, to, null, null, null, null, null, List.of(),
                status, errorCode, null, null, null, params);
        return Event.of(EventTypes.MESSAGE_STATUS, EventSources.STATUS, ConversationKey.of(callback), callback);
    }

    private static JsonPath outbound(String id) {
        return given().auth().oauth2(TestTokens.serviceRole()).get("/outbound/" + id)
                .then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath awaitTwilioStatus(String id, String status) {
        Waits.waitFor("twilioStatus " + status + " of " + id)
                .until(() -> outbound(id).getString("twilioStatus"), status::equals);
        return outbound(id);
    }

    private Object awaitAnnounced(UUID id) {
        return Waits.waitFor("announced_at of " + id).until(() -> pool
                .preparedQuery("SELECT announced_at FROM outbound_messages WHERE id = $1")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next().getValue("announced_at"),
                announcedAt -> announcedAt != null);
    }
}
