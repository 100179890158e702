package dev.switchboard.realtime.stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.events.ConversationKey;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventIds;
import dev.switchboard.events.MessageData;
import dev.switchboard.events.TaskCompletedData;
import dev.switchboard.events.Topics;
import dev.switchboard.testing.SseEvent;
import dev.switchboard.testing.SseClient;
import dev.switchboard.realtime.support.TestDatabase;
import dev.switchboard.realtime.support.TestEvents;
import dev.switchboard.realtime.support.TestUser;
import dev.switchboard.testing.TestKafka;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Resuming with Last-Event-ID: the durable log, the recent memory and live events, each event exactly once. */
@QuarkusTest
class StreamResumeTest {

    @TestHTTPResource("/v1/stream")
    URI streamUri;

    private TestDatabase db;

    @BeforeEach
    void setUp() {
        db = new TestDatabase();
    }

    @Test
    void resumeReplaysExactlyTheMissedEventsThenLiveOnesWithoutDuplicates() {
        TestUser user = db.user();
        String cursor;
        try (SseClient first = open(user)) {
            for (int i = 0; i < 3; i++) {
                Event<MessageData> seen = publishedAndStored(user, "seen " + i);
                first.awaitEventWithId(seen.id());
            }
            cursor = first.ids().get(2);
        }
        Event<MessageData> storedWhileAway = smsTo(user, "stored by the log only (another replica's time)");
        db.store(storedWhileAway);
        publishedAndStored(db.user(), "someone else's");
        Event<MessageData> publishedAndStoredWhileAway = publishedAndStored(user, "on Kafka and in the log");
        Event<MessageData> notStoredYet = smsTo(user, "on Kafka, persistence lagging");
        TestKafka.broker().publishMessageEvent(notStoredYet);

        try (SseClient resumed = SseClient.open(streamUri, "Authorization", user.bearer(),
                "Last-Event-ID", cursor).awaitOpen()) {
            resumed.awaitEventWithId(notStoredYet.id());
            Event<MessageData> live = publishedAndStored(user, "live after the catch-up");
            resumed.awaitEventWithId(live.id());

            assertThat(resumed.ids(), contains(storedWhileAway.id(), publishedAndStoredWhileAway.id(),
                    notStoredYet.id(), live.id()));
            // Between the catch-up and the live events the client is told how many events it caught up: at least the
            // two only the log had (the one on Kafka may reach this replica before or after the stream opened).
            List<String> names = resumed.events().stream().map(SseEvent::type).toList();
            int told = names.indexOf("resumed");
            assertThat(names.toString(), told, greaterThanOrEqualTo(2));
            assertEquals("{\"replayed\":" + told + "}", resumed.events().get(told).data());
        }
    }

    @Test
    void ticketResumeWithLastEventIdParameterCatchesUpAcrossManyPages() {
        TestUser user = db.user();
        Event<MessageData> cursor = smsTo(user, "the client's last event");
        db.store(cursor);
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < 65; i++) {
            Event<MessageData> event = smsTo(user, "missed " + i);
            db.store(event);
            missed.add(event.id());
        }
        String ticket = given().header("Authorization", user.bearer())
                .when().post("/v1/stream/tickets")
                .then().statusCode(200)
                .extract().path("ticket");

        try (SseClient resumed = SseClient.open(
                URI.create(streamUri + "?ticket=" + ticket + "&lastEventId=" + cursor.id())).awaitOpen()) {
            resumed.awaitEventWithId(missed.get(missed.size() - 1));
            SseEvent told = resumed.awaitEvent(event -> "resumed".equals(event.type()), Duration.ofSeconds(10));

            assertEquals(missed, resumed.ids());
            assertEquals("{\"replayed\":65}", told.data());
        }
    }

    @Test
    void unknownCursorGetsResetThenLiveEvents() {
        TestUser user = db.user();
        try (SseClient stream = SseClient.open(streamUri, "Authorization", user.bearer(),
                "Last-Event-ID", EventIds.next()).awaitOpen()) {
            SseEvent reset = stream.awaitEvent(event -> "reset".equals(event.type()), Duration.ofSeconds(10));
            Event<MessageData> live = publishedAndStored(user, "after the reset");
            stream.awaitEventWithId(live.id());

            assertEquals("unknown-cursor", new io.vertx.core.json.JsonObject(reset.data()).getString("reason"));
            assertEquals(List.of("reset", "message.added"), stream.events().stream().map(SseEvent::type).toList());
        }
    }

    /** Retention or erasure deleted the client's cursor from the log: a reset, and nothing replayed after it. */
    @Test
    void aCursorDeletedFromTheLogGetsResetAndNoReplay() {
        TestUser user = db.user();
        Event<MessageData> cursor = smsTo(user, "purged since");
        db.store(cursor);
        Event<MessageData> after = smsTo(user, "after the purged cursor, in the log");
        db.store(after);
        db.deleteFromLog(cursor.id());

        try (SseClient stream = SseClient.open(streamUri, "Authorization", user.bearer(),
                "Last-Event-ID", cursor.id()).awaitOpen()) {
            SseEvent reset = stream.awaitEvent(event -> "reset".equals(event.type()), Duration.ofSeconds(10));
            Event<MessageData> live = publishedAndStored(user, "after the reset");
            stream.awaitEventWithId(live.id());

            assertEquals("unknown-cursor", new io.vertx.core.json.JsonObject(reset.data()).getString("reason"));
            assertEquals(List.of("reset", "message.added"), stream.events().stream().map(SseEvent::type).toList());
            assertEquals(false, stream.ids().contains(after.id()), "nothing replayed from a position the log lost");
        }
    }

    @Test
    void someoneElsesEventIdAsCursorIsUnknownWhetherStoredOrRecent() {
        TestUser user = db.user();
        TestUser other = db.user();
        Event<MessageData> theirs = publishedAndStored(other, "someone else's, in the log");
        Event<TaskCompletedData> theirTask = TestEvents.taskCompleted(other.id());
        TestKafka.broker().publish(Topics.TASK_EVENTS, theirTask);
        Event<MessageData> mineAfter = publishedAndStored(user, "mine, after theirs");
        awaitInRecentMemory(theirTask, other);

        for (String foreignCursor : List.of(theirs.id(), theirTask.id())) {
            try (SseClient stream = SseClient.open(streamUri, "Authorization", user.bearer(),
                    "Last-Event-ID", foreignCursor).awaitOpen()) {
                SseEvent reset = stream.awaitEvent(event -> "reset".equals(event.type()), Duration.ofSeconds(10));
                Event<MessageData> live = publishedAndStored(user, "live after the reset");
                stream.awaitEventWithId(live.id());

                assertEquals("", reset.id(), "the reset clears the client's cursor");
                assertEquals(List.of("reset", "message.added"), stream.events().stream().map(SseEvent::type).toList(),
                        "no replay from a position learnt through someone else's event id (" + mineAfter.id() + ")");
            }
        }
    }

    /**
     * The log's order and the order a replica sends live events differ across partitions: A is stored before B, but
     * this replica sent B live first, and the client dropped before A reached it. Resuming from B must still bring A.
     */
    @Test
    void anEventStoredBeforeTheCursorButSentLiveAfterItIsNotSkipped() {
        TestUser user = db.user();
        Event<MessageData> storedFirst = smsTo(user, "stored first, reached the gateway late");
        Event<MessageData> sentFirst = smsTo(user, "stored second, sent live first");
        db.store(storedFirst);
        db.store(sentFirst);
        try (SseClient first = open(user)) {
            TestKafka.broker().publishMessageEvent(sentFirst);
            first.awaitEventWithId(sentFirst.id());
        }
        try (SseClient witness = open(user)) {
            TestKafka.broker().publishMessageEvent(storedFirst);
            witness.awaitEventWithId(storedFirst.id());
        }

        try (SseClient resumed = SseClient.open(streamUri, "Authorization", user.bearer(),
                "Last-Event-ID", sentFirst.id()).awaitOpen()) {
            resumed.awaitEventWithId(storedFirst.id());
            Event<MessageData> live = publishedAndStored(user, "live after the catch-up");
            resumed.awaitEventWithId(live.id());

            assertEquals(List.of(storedFirst.id(), live.id()), resumed.ids());
        }
    }

    /**
     * A task event is in the durable log too, so a cursor naming one resumes on any replica after any pause: these
     * were never on Kafka, so this replica's recent memory cannot have them. Another user's task in the same chat
     * stays theirs.
     */
    @Test
    void resumeFromAStoredTaskEventReplaysTheLogAfterIt() {
        TestUser user = db.user();
        TestUser other = db.user();
        String chat = ConversationKey.of(smsTo(user, "the photo").data());
        Event<TaskCompletedData> cursor = TestEvents.taskCompleted(user.id());
        db.storeTask(cursor, chat);
        Event<TaskCompletedData> othersTask = TestEvents.taskCompleted(other.id());
        db.storeTask(othersTask, chat);
        Event<MessageData> message = smsTo(user, "after the task");
        db.store(message);
        Event<TaskCompletedData> secondTask = TestEvents.taskCompleted(user.id());
        db.storeTask(secondTask, chat);

        try (SseClient resumed = SseClient.open(streamUri, "Authorization", user.bearer(),
                "Last-Event-ID", cursor.id()).awaitOpen()) {
            resumed.awaitEventWithId(secondTask.id());
            SseEvent told = resumed.awaitEvent(event -> "resumed".equals(event.type()), Duration.ofSeconds(10));

            assertEquals(List.of(message.id(), secondTask.id()), resumed.ids());
            assertEquals(List.of("message.added", "task.completed", "resumed"),
                    resumed.events().stream().map(SseEvent::type).toList());
            assertEquals("{\"replayed\":2}", told.data());
        }
    }

    @Test
    void resumeFromATaskEventUsesTheRecentMemory() {
        TestUser user = db.user();
        Event<TaskCompletedData> seen = TestEvents.taskCompleted(user.id());
        try (SseClient first = open(user)) {
            TestKafka.broker().publish(Topics.TASK_EVENTS, seen);
            first.awaitEventWithId(seen.id());
        }
        Event<TaskCompletedData> missed = TestEvents.taskCompleted(user.id());
        TestKafka.broker().publish(Topics.TASK_EVENTS, missed);

        try (SseClient resumed = SseClient.open(streamUri, "Authorization", user.bearer(),
                "Last-Event-ID", seen.id()).awaitOpen()) {
            resumed.awaitEventWithId(missed.id());
            Event<TaskCompletedData> live = TestEvents.taskCompleted(user.id());
            TestKafka.broker().publish(Topics.TASK_EVENTS, live);
            resumed.awaitEventWithId(live.id());

            assertEquals(List.of(missed.id(), live.id()), resumed.ids());
        }
    }

    /**
     * The gateway holds {@code published} in its recent memory once a later task event of the same user (same key,
     * same partition, so read after it) reached that user's stream.
     */
    private void awaitInRecentMemory(Event<TaskCompletedData> published, TestUser owner) {
        Event<TaskCompletedData> marker = TestEvents.taskCompleted(owner.id());
        try (SseClient stream = open(owner)) {
            TestKafka.broker().publish(Topics.TASK_EVENTS, marker);
            stream.awaitEventWithId(marker.id());
        }
    }

    private SseClient open(TestUser user) {
        return SseClient.open(streamUri, "Authorization", user.bearer()).awaitOpen();
    }

    private static Event<MessageData> smsTo(TestUser user, String body) {
        return TestEvents.sms(TestDatabase.strangerNumber(), user.phone(), body);
    }

    /** What normally happens to every message: on Kafka, and stored by the persistence consumer. */
    private Event<MessageData> publishedAndStored(TestUser user, String body) {
        Event<MessageData> event = smsTo(user, body);
        TestKafka.broker().publishMessageEvent(event);
        db.store(event);
        return event;
    }
}
