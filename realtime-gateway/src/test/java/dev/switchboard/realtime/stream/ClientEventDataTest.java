package dev.switchboard.realtime.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.switchboard.events.ConversationKey;
import dev.switchboard.events.Event;
import dev.switchboard.events.MediaItem;
import dev.switchboard.events.MessageData;
import dev.switchboard.events.TaskCompletedData;
import dev.switchboard.events.Topics;
import dev.switchboard.events.client.ClientEvent;
import dev.switchboard.events.client.ClientEvents;
import dev.switchboard.testing.SseEvent;
import dev.switchboard.testing.SseClient;
import dev.switchboard.realtime.support.TestDatabase;
import dev.switchboard.realtime.support.TestEvents;
import dev.switchboard.realtime.support.TestUser;
import dev.switchboard.testing.TestKafka;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stream's {@code data:} is exactly the {@code ClientEvent} that {@link ClientEvents} renders, written by the
 * service's own JSON mapping (the one conversation-manager's history answers with), live and in catch-up alike: so an
 * event reads byte for byte the same on the stream and in history. The members that matter are checked by value too,
 * so a change to {@code ClientEvents} itself shows here.
 */
@QuarkusTest
class ClientEventDataTest {

    private static final String TWILIO_MEDIA_URL =
            "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/SM1/Media/ME1";

    /** Jackson with java.time as ISO-8601 text, as every Quarkus service (conversation-manager too) has by default. */
    private static final ObjectMapper PLAIN_JACKSON = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    @TestHTTPResource("/v1/stream")
    URI streamUri;

    @Inject
    ObjectMapper json;

    private TestDatabase db;

    @BeforeEach
    void setUp() {
        db = new TestDatabase();
    }

    @Test
    void liveEventsAreTheClientEventsRendering() throws JsonProcessingException {
        TestUser user = db.user();
        Event<MessageData> photo = photoFrom(TestDatabase.strangerNumber(), user.phone());
        Event<MessageData> undelivered = undelivered(user.phone());
        Event<TaskCompletedData> task = TestEvents.taskCompleted(user.id());
        try (SseClient stream = SseClient.open(streamUri, "Authorization", user.bearer()).awaitOpen()) {
            TestKafka.broker().publishMessageEvent(photo);
            TestKafka.broker().publishMessageEvent(undelivered);
            TestKafka.broker().publish(Topics.TASK_EVENTS, task);

            assertRendered(stream.awaitEventWithId(photo.id()), ClientEvents.message(photo));
            assertRendered(stream.awaitEventWithId(undelivered.id()), ClientEvents.message(undelivered));
            assertRendered(stream.awaitEventWithId(task.id()), ClientEvents.task(task));
            assertPhoto(photo, stream.awaitEventWithId(photo.id()));
            assertUndelivered(undelivered, stream.awaitEventWithId(undelivered.id()));
            assertTask(task, stream.awaitEventWithId(task.id()));
        }
    }

    /** Catch-up reads the events back from the durable log (PostgreSQL jsonb), not from Kafka: still the same bytes. */
    @Test
    void caughtUpEventsAreTheClientEventsRendering() throws JsonProcessingException {
        TestUser user = db.user();
        Event<MessageData> cursor = TestEvents.sms(TestDatabase.strangerNumber(), user.phone(), "before the drop");
        db.store(cursor);
        Event<MessageData> photo = photoFrom(TestDatabase.strangerNumber(), user.phone());
        Event<MessageData> undelivered = undelivered(user.phone());
        Event<TaskCompletedData> task = TestEvents.taskCompleted(user.id());
        db.store(photo);
        db.store(undelivered);
        db.storeTask(task, ConversationKey.of(photo.data()));

        try (SseClient stream = SseClient.open(streamUri, "Authorization", user.bearer(),
                "Last-Event-ID", cursor.id()).awaitOpen()) {
            stream.awaitEventWithId(task.id());

            assertEquals(List.of(photo.id(), undelivered.id(), task.id()), stream.ids());
            assertRendered(stream.events().get(0), ClientEvents.message(photo));
            assertRendered(stream.events().get(1), ClientEvents.message(undelivered));
            assertRendered(stream.events().get(2), ClientEvents.task(task));
            assertPhoto(photo, stream.events().get(0));
        }
    }

    private void assertRendered(SseEvent received, ClientEvent expected) throws JsonProcessingException {
        assertEquals(expected.id(), received.id(), "SSE id: the event id");
        assertEquals(expected.type(), received.type(), "SSE event: the event type");
        assertEquals(json.writeValueAsString(expected), received.data());
        assertEquals(PLAIN_JACKSON.writeValueAsString(expected), received.data(),
                "no service-specific JSON settings: history writes the same bytes");
    }

    private static void assertPhoto(Event<MessageData> photo, SseEvent received) {
        JsonObject data = new JsonObject(received.data());
        assertEquals(Map.of("id", photo.id(), "type", "message.added",
                "occurred_at", photo.time().toString()), withoutPayload(data));
        JsonObject message = data.getJsonObject("message");
        String sid = photo.data().messageSid();
        assertEquals(sid, message.getString("message_sid"));
        assertEquals(photo.data().from(), message.getString("from_number"));
        assertEquals(photo.data().to(), message.getString("to_number"));
        assertEquals("the fence", message.getString("body"));
        assertEquals("received", message.getString("status"));
        assertEquals("inbound", message.getString("direction"));
        assertEquals(1, message.getInteger("num_media"));
        assertEquals(Map.of("index", 0, "sid", "ME1", "content_type", "image/jpeg", "size", 48213,
                "url", "/messages/" + sid + "/media/0"),
                withoutNulls(message.getJsonArray("media_items").getJsonObject(0)));
        assertEquals(List.of(), message.getJsonArray("storage_urls").getList());
        assertEquals("2026-01-01T00:00:00Z", message.getString("created_at"));
        assertEquals(photo.id(), message.getString("cursor"));
        assertFalse(received.data().contains(TWILIO_MEDIA_URL), "Twilio's media URL needs Switchboard's credentials");
        assertFalse(received.data().contains("MediaUrl0"), "no raw Twilio parameters: " + received.data());
    }

    private static void assertUndelivered(Event<MessageData> status, SseEvent received) {
        JsonObject message = new JsonObject(received.data()).getJsonObject("message");
        assertEquals(status.data().messageSid(), message.getString("message_sid"));
        assertEquals("undelivered", message.getString("status"));
        assertEquals(30007, message.getInteger("error_code"));
        assertEquals("Message filtered", message.getString("error_message"));
        assertTrue(message.containsKey("body") && message.getValue("body") == null, "every member, null when unknown");
        assertEquals(0, message.getInteger("num_media"));
    }

    private static void assertTask(Event<TaskCompletedData> task, SseEvent received) {
        JsonObject data = new JsonObject(received.data());
        assertEquals(Map.of("id", task.id(), "type", "task.completed", "occurred_at", task.time().toString()),
                withoutPayload(data));
        TaskCompletedData t = task.data();
        assertEquals(Map.of("user_id", t.userId(), "task_id", t.taskId(), "feed_id", t.feedId(), "points_awarded",
                (long) t.pointsAwarded(), "total_points", t.totalPoints(), "message_sid", t.messageSid(), "image_url",
                t.imageUrl()), longs(data.getJsonObject("task")));
        assertFalse(data.containsKey("message"), "a task event carries a task only");
    }

    private static Event<MessageData> photoFrom(String from, String to) {
        return TestEvents.mms(from, to, "the fence",
                new MediaItem("ME1", TWILIO_MEDIA_URL, "image/jpeg", null, 48_213L));
    }

    /** Twilio's callback for a message Switchboard sent to {@code to}: it could not be delivered. */
    private static Event<MessageData> undelivered(String to) {
        return TestEvents.status(TestDatabase.strangerNumber(), to, "undelivered", 30007, "Message filtered");
    }

    private static Map<String, Object> withoutPayload(JsonObject data) {
        JsonObject envelope = data.copy();
        envelope.remove("message");
        envelope.remove("task");
        return envelope.getMap();
    }

    private static Map<String, Object> withoutNulls(JsonObject object) {
        JsonObject copy = new JsonObject();
        object.forEach(member -> {
            if (member.getValue() != null) {
                copy.put(member.getKey(), member.getValue());
            }
        });
        return copy.getMap();
    }

    /** JSON numbers read back as Integer or Long by size; compare them all as longs. */
    private static Map<String, Object> longs(JsonObject object) {
        JsonObject copy = new JsonObject();
        object.forEach(member -> copy.put(member.getKey(),
                member.getValue() instanceof Number n ? (Object) n.longValue() : member.getValue()));
        return copy.getMap();
    }
}
