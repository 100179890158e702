package dev.switchboard.conversations.persistence;

import static dev.switchboard.conversations.testing.Messages.aMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.conversations.testing.Database;
import dev.switchboard.conversations.testing.Messages;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventSources;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.MessageData;
import dev.switchboard.events.Topics;
import dev.switchboard.testing.TestKafka;
import dev.switchboard.testing.Waits;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
class PersistenceConsumerTest {

    @Inject
    Database database;

    @Test
    void fiftyConcurrentDeliveriesOfOneMessageAreStoredOnce() {
        Messages message = aMessage();
        List<Event<MessageData>> deliveries = IntStream.range(0, 50)
                .mapToObj(i -> message.event(EventTypes.MESSAGE_ADDED))
                .toList();

        TestKafka.broker().publishConcurrently(Topics.MESSAGE_EVENTS, deliveries);
        awaitEverythingBefore(message);

        assertEquals(1, database.query("SELECT id FROM messages WHERE message_sid = $1", message.messageSid()).size());
        assertEquals(1, database.query("SELECT seq FROM message_events WHERE message_sid = $1", message.messageSid())
                .size(), "only the delivery that stored the row is logged");
        JsonObject row = database.message(message.messageSid());
        assertEquals(message.from(), row.getString("from_number"));
        assertEquals(message.from().replace("whatsapp:", ""), row.getString("from_e164"));
        assertNotNull(row.getValue("added_at"));
    }

    static Stream<Arguments> statusBursts() {
        return Stream.of(
                Arguments.of(List.of("queued", "sending", "sent", "delivered"), "delivered"),
                Arguments.of(List.of("queued", "sent", "delivered", "read"), "read"),
                Arguments.of(List.of("queued", "sent", "failed", "delivered", "read"), "failed"),
                Arguments.of(List.of("sending", "undelivered", "sent"), "undelivered"));
    }

    @ParameterizedTest
    @MethodSource("statusBursts")
    void statusBurstInAnyOrderEndsAtTheFurthestStatus(List<String> statuses, String expected) {
        Messages message = aMessage();
        List<Event<MessageData>> burst = new ArrayList<>();
        burst.add(message.event(EventTypes.MESSAGE_ADDED));
        statuses.forEach(status -> burst.add(message.status(status).errorCode(errorCodeOf(status))
                .event(EventTypes.MESSAGE_STATUS)));
        Collections.shuffle(burst);

        burst.forEach(TestKafka.broker()::publishMessageEvent);
        awaitEverythingBefore(message);

        JsonObject row = database.message(message.messageSid());
        assertEquals(expected, row.getString("status"), "burst order: " + burst.stream().map(Event::type).toList());
        assertEquals(errorCodeOf(expected), row.getInteger("error_code"));
    }

    @Test
    void lateOlderStatusChangesNothing() {
        Messages message = aMessage();
        TestKafka.broker().publishMessageEvent(message.status("delivered").event(EventTypes.MESSAGE_STATUS));
        TestKafka.broker().publishMessageEvent(message.status("sent").event(EventTypes.MESSAGE_STATUS));
        awaitEverythingBefore(message);

        JsonObject row = database.message(message.messageSid());
        assertEquals("delivered", row.getString("status"));
        assertNull(row.getValue("added_at"), "a status seen before the message keeps a placeholder row");
        assertEquals(1, database.query("SELECT seq FROM message_events WHERE message_sid = $1", message.messageSid())
                .size(), "the stale status was not applied, so not logged");
    }

    @Test
    void updateThatArrivesBeforeItsAddIsNotLost() {
        Instant created = Instant.parse("2026-01-01T00:00:00Z");
        Messages message = aMessage();
        Event<MessageData> added = message.body("original").dateUpdated(created).event(EventTypes.MESSAGE_ADDED);
        Event<MessageData> edited = message.body("edited").dateUpdated(created.plusSeconds(60))
                .event(EventTypes.MESSAGE_UPDATED);
        Event<MessageData> staleEdit = message.body("stale").dateUpdated(created.plusSeconds(30))
                .event(EventTypes.MESSAGE_UPDATED);

        Stream.of(edited, added, staleEdit).forEach(TestKafka.broker()::publishMessageEvent);
        awaitEverythingBefore(message);

        JsonObject row = database.message(message.messageSid());
        assertEquals("edited", row.getString("body"));
        assertNotNull(row.getValue("added_at"), "the add filled the placeholder in");
        assertEquals(message.to(), row.getString("to_number"));
    }

    @Test
    void removedMessageIsKeptAndMarkedRemovedWhateverTheOrder() {
        Messages early = aMessage();
        Messages late = aMessage();
        TestKafka.broker().publishMessageEvent(early.event(EventTypes.MESSAGE_REMOVED));
        TestKafka.broker().publishMessageEvent(early.event(EventTypes.MESSAGE_ADDED));
        TestKafka.broker().publishMessageEvent(late.event(EventTypes.MESSAGE_ADDED));
        TestKafka.broker().publishMessageEvent(late.event(EventTypes.MESSAGE_REMOVED));
        awaitEverythingBefore(early);
        awaitEverythingBefore(late);

        for (Messages message : List.of(early, late)) {
            JsonObject row = database.message(message.messageSid());
            assertNotNull(row.getValue("removed_at"));
            assertEquals(message.data().body(), row.getString("body"), "soft delete keeps the content");
        }
    }

    @Test
    void everyAppliedEventIsLoggedWithItsPayloadInOrder() {
        Messages message = aMessage();
        Event<MessageData> added = message.event(EventTypes.MESSAGE_ADDED);
        Event<MessageData> status = message.status("read").event(EventTypes.MESSAGE_STATUS);
        TestKafka.broker().publishMessageEvent(added);
        TestKafka.broker().publishMessageEvent(status);
        awaitEverythingBefore(message);

        List<JsonObject> log = database.query("SELECT event_id, type, conversation_key, from_e164, payload"
                + " FROM message_events WHERE message_sid = $1 ORDER BY seq", message.messageSid());
        assertEquals(List.of(added.id(), status.id()), log.stream().map(entry -> entry.getString("event_id")).toList());
        assertEquals(added.subject(), log.get(0).getString("conversation_key"));
        assertEquals(message.from().replace("whatsapp:", ""), log.get(0).getString("from_e164"));
        assertEquals(message.messageSid(), log.get(0).getJsonObject("payload").getJsonObject("data")
                .getString("messageSid"));
    }

    @Test
    void participantsAreUpsertedAndSoftDeleted() {
        String conversationSid = Messages.sid("CH");
        Messages chatUser = aMessage().participant(conversationSid, "user-" + conversationSid, null);
        Messages smsUser = aMessage().participant(conversationSid, null, "whatsapp:" + Messages.phoneNumber());
        TestKafka.broker().publishMessageEvent(chatUser.event(MessageEventWriter.PARTICIPANT_ADDED));
        TestKafka.broker().publishMessageEvent(smsUser.event(MessageEventWriter.PARTICIPANT_REMOVED));
        TestKafka.broker().publishMessageEvent(smsUser.event(MessageEventWriter.PARTICIPANT_ADDED));

        List<JsonObject> both = Waits.waitFor("participants")
                .until(() -> database.query(
                "SELECT * FROM conversation_participants WHERE conversation_sid = $1 AND added_at IS NOT NULL"
                        + " ORDER BY identity NULLS LAST", conversationSid),
                        found -> found.size() == 2);
        assertEquals("user-" + conversationSid, both.get(0).getString("identity"));
        assertNull(both.get(0).getValue("removed_at"));
        assertEquals(smsUser.data().twilioParams().get("MessagingBinding.Address"), both.get(1).getString("address"));
        assertNotNull(both.get(1).getValue("address_e164"));
        assertNotNull(both.get(1).getValue("removed_at"), "a late add does not revive a removed participant");
    }

    @Test
    void aGigConversationClosedOrRemovedOnTwiliosSideIsClosedHereAndStaysClosed() {
        String closedSid = Messages.sid("CH");
        String removedSid = Messages.sid("CH");
        for (String sid : List.of(closedSid, removedSid)) {
            database.query("INSERT INTO gig_conversations (gig_id, conversation_sid, unique_name) VALUES ($1, $1, $1)",
                    sid);
        }

        TestKafka.broker().publishMessageEvent(conversationEvent(closedSid, ConversationStatements.STATE_UPDATED,
                Map.of("StateFrom", "active", "StateTo", "closed")));
        TestKafka.broker().publishMessageEvent(conversationEvent(closedSid, ConversationStatements.STATE_UPDATED,
                Map.of("StateFrom", "closed", "StateTo", "active")));
        TestKafka.broker().publishMessageEvent(conversationEvent(closedSid, ConversationStatements.UPDATED,
                Map.of("State", "inactive")));
        TestKafka.broker().publishMessageEvent(conversationEvent(removedSid, ConversationStatements.REMOVED, Map.of()));
        for (String sid : List.of(closedSid, removedSid)) {
            Messages marker = aMessage().inConversation(sid, "marker");
            TestKafka.broker().publishMessageEvent(marker.event(EventTypes.MESSAGE_ADDED));
            database.awaitMessage(marker.messageSid());
        }

        for (String sid : List.of(closedSid, removedSid)) {
            JsonObject gig = database.query("SELECT state, closed_at FROM gig_conversations WHERE conversation_sid = $1",
                    sid).get(0);
            assertEquals("closed", gig.getString("state"), sid);
            assertNotNull(gig.getValue("closed_at"), sid);
        }
    }

    private static Event<MessageData> conversationEvent(String conversationSid, String type, Map<String, String> params) {
        Messages event = aMessage().inConversation(conversationSid, null);
        params.forEach(event::param);
        event.param("ConversationSid", conversationSid);
        MessageData data = event.data();
        MessageData withoutMessage = new MessageData(null, data.accountSid(), conversationSid, null, "chat", null, null,
                null, null, null, null, null, List.of(), null, null, null, data.dateCreated(), null, data.twilioParams());
        return Event.of(type, EventSources.CONVERSATIONS, conversationSid, withoutMessage);
    }

    @Test
    void unreadableRecordGoesToTheDeadLetterTopicAndTheNextRecordIsStored() {
        Messages next = aMessage();
        String key = next.event(EventTypes.MESSAGE_ADDED).subject();
        TestKafka.broker().publishRaw(Topics.MESSAGE_EVENTS, key, "{not json".getBytes(StandardCharsets.UTF_8));
        TestKafka.broker().publishMessageEvent(next.event(EventTypes.MESSAGE_ADDED));

        database.awaitMessage(next.messageSid());
        ConsumerRecord<String, byte[]> dead = TestKafka.broker().awaitRecord(Topics.MESSAGE_EVENTS_DLQ,
                "dead letter with key " + key,
                letter -> key.equals(letter.key()));
        assertEquals("{not json", new String(dead.value(), StandardCharsets.UTF_8));
        assertNotNull(dead.headers().lastHeader("dead-letter-reason"));
    }

    @Test
    void eventThatCannotBeStoredIsDeadLetteredAloneAndItsBatchIsStored() {
        Messages before = aMessage();
        Messages next = aMessage().from(before.from()).to(before.to());
        Messages withoutSid = aMessage().from(before.from()).to(before.to()).participant(Messages.sid("CH"), "x", null);
        Event<MessageData> poison = withoutSid.event(EventTypes.MESSAGE_ADDED);

        TestKafka.broker().publishConcurrently(Topics.MESSAGE_EVENTS,
                List.of(before.event(EventTypes.MESSAGE_ADDED), poison, next.event(EventTypes.MESSAGE_ADDED)));

        database.awaitMessage(before.messageSid());
        database.awaitMessage(next.messageSid());
        ConsumerRecord<String, byte[]> dead = TestKafka.broker().awaitRecord(Topics.MESSAGE_EVENTS_DLQ,
                "dead letter with key " + poison.subject(),
                letter -> poison.subject().equals(letter.key()));
        assertTrue(new String(dead.value(), StandardCharsets.UTF_8).contains(poison.id()));
        assertTrue(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8)
                .contains("without a MessageSid"));
    }

    /** Publishes a marker message on the same conversation (same partition) and waits for it: all before is consumed. */
    private void awaitEverythingBefore(Messages message) {
        Messages marker = aMessage().from(message.from()).to(message.to());
        TestKafka.broker().publishMessageEvent(marker.event(EventTypes.MESSAGE_ADDED));
        database.awaitMessage(marker.messageSid());
    }

    private static Integer errorCodeOf(String status) {
        return "failed".equals(status) || "undelivered".equals(status) ? 30003 : null;
    }
}
