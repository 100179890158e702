package dev.switchboard.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    private static MessageData whatsappPhoto() {
        return new MessageData("MM123", "AC1", null, "MG1", "whatsapp", "whatsapp:+15550001111", "whatsapp:+15550002222",
                null, "done!", null, null, null,
                List.of(new MediaItem(null, "https://api.twilio.com/media/ME1", "image/jpeg", null, null)),
                null, null, null, Instant.parse("2026-11-23T10:15:30Z"), null,
                Map.of("MessageSid", "MM123", "SomeFutureTwilioParam", "kept"));
    }

    @Test
    void messageEventRoundTripsThroughKafkaSerde() {
        Event<MessageData> event = Event.of(EventTypes.MESSAGE_ADDED, EventSources.MESSAGING, "k", whatsappPhoto());

        byte[] bytes = new EventSerializer().serialize(Topics.MESSAGE_EVENTS, event);
        Event<MessageData> back = new EventDeserializer.MessageEvents().deserialize(Topics.MESSAGE_EVENTS, bytes);

        assertEquals(event, back);
        assertEquals("kept", back.data().twilioParams().get("SomeFutureTwilioParam"));
    }

    @Test
    void taskAndSendEventsRoundTrip() {
        Event<TaskCompletedData> task = Event.of(EventTypes.TASK_COMPLETED, EventSources.TASK_COMPLETION, "7",
                new TaskCompletedData(7, 3, 11, 10, 40, "MM123", "/media/1"));
        Event<SendRequestData> send = Event.of(EventTypes.MESSAGE_SEND_REQUESTED, EventSources.TASK_COMPLETION, "c1",
                new SendRequestData("c1", "whatsapp", "whatsapp:+15550001111", "+10 points", null, null, null, null,
                        null, "MM123"));

        assertEquals(task, EventJson.read(EventJson.write(task), TaskCompletedData.class));
        assertEquals(send, EventJson.read(EventJson.write(send), SendRequestData.class));
    }

    @Test
    void writesCloudEventsAttributeNames() {
        String json = new String(EventJson.write(Event.of(EventTypes.MESSAGE_ADDED, EventSources.MESSAGING, "k",
                whatsappPhoto())), StandardCharsets.UTF_8);

        assertTrue(json.contains("\"specversion\":\"1.0\""), json);
        assertTrue(json.contains("\"time\":\"20"), json);
        assertTrue(json.contains("\"type\":\"message.added\""), json);
    }

    @Test
    void fieldsFromANewerProducerAreIgnored() {
        String json = "{\"specversion\":\"1.0\",\"id\":\"x\",\"type\":\"task.completed\",\"source\":\"s\","
                + "\"subject\":\"7\",\"newEnvelopeField\":1,\"data\":{\"userId\":7,\"taskId\":1,\"feedId\":2,"
                + "\"pointsAwarded\":5,\"totalPoints\":5,\"newDataField\":true}}";

        Event<TaskCompletedData> event = EventJson.read(json.getBytes(StandardCharsets.UTF_8), TaskCompletedData.class);

        assertEquals(7, event.data().userId());
    }

    @Test
    void malformedJsonIsAClearError() {
        UncheckedIOException error = assertThrows(UncheckedIOException.class,
                () -> EventJson.read("{not json".getBytes(StandardCharsets.UTF_8), MessageData.class));

        assertTrue(error.getMessage().startsWith("not a MessageData event"), error.getMessage());
    }

    @Test
    void eventIdsAreUniqueAndTimeOrdered() throws InterruptedException {
        String first = EventIds.next();
        Thread.sleep(2);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(EventIds.next());
        }

        assertEquals(10_000, ids.size());
        assertTrue(first.compareTo(ids.iterator().next()) < 0);
        assertEquals('7', first.charAt(14), "UUID version 7");
    }

    @Test
    void smsExchangeKeyIsTheSameInBothDirections() {
        MessageData inbound = whatsappPhoto();
        MessageData reply = new MessageData("SM9", "AC1", null, null, "whatsapp", inbound.to(), inbound.from(), null,
                "thanks", null, null, null, null, null, null, null, null, null, null);

        assertEquals(ConversationKey.of(inbound), ConversationKey.of(reply));
    }

    @Test
    void anOutboundMessageKeepsItsDirectionAndAnOlderEventReadsAsInbound() {
        MessageData sent = new MessageData("SM1", "AC1", null, null, "sms", "+15550000100", "+15550001111", null,
                "on my way", null, null, null, List.of(), "queued", null, null, null, null, null, MessageData.OUTBOUND);
        Event<MessageData> event = Event.of(EventTypes.MESSAGE_ADDED, EventSources.MESSAGE_SENDER,
                ConversationKey.of(sent), sent);
        String older = "{\"specversion\":\"1.0\",\"id\":\"x\",\"type\":\"message.added\",\"source\":\"messaging\","
                + "\"subject\":\"k\",\"data\":{\"messageSid\":\"SM2\",\"body\":\"hi\"}}";

        Event<MessageData> back = EventJson.read(EventJson.write(event), MessageData.class);
        MessageData old = EventJson.read(older.getBytes(StandardCharsets.UTF_8), MessageData.class).data();

        assertEquals(event, back);
        assertTrue(back.data().outbound());
        assertEquals(null, old.direction());
        assertEquals(false, old.outbound());
        assertEquals("hi", old.body());
    }
}
