package dev.switchboard.realtime.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.events.Event;
import dev.switchboard.events.MessageData;
import dev.switchboard.realtime.routing.StreamEvent;
import dev.switchboard.realtime.routing.StreamEvents;
import dev.switchboard.realtime.routing.SubscriberIndex;
import dev.switchboard.realtime.support.TestDatabase;
import dev.switchboard.realtime.support.TestEvents;
import dev.switchboard.realtime.support.TestUser;
import dev.switchboard.testing.SseClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A burst larger than a stream's queue ({@code max-queued-events}, 100 in tests) handed over at once, as one Kafka poll
 * is: the stream's event loop receives it whole before it writes anything (its {@link DeliveryLane} runs after), and a
 * client that reads along must get all of it, not be cut off as slow.
 */
@QuarkusTest
class BurstTest {

    @TestHTTPResource("/v1/stream")
    URI streamUri;

    @Inject
    SubscriberIndex index;

    @Inject
    StreamEvents streamEvents;

    @Test
    void aBurstLargerThanTheQueueReachesAClientThatReadsAlong() {
        TestUser user = new TestDatabase().user();
        double disconnectsBefore = SlowClientTest.slowClientDisconnects();
        try (SseClient stream = SseClient.open(streamUri, "Authorization", user.bearer()).awaitOpen()) {
            StreamConnection connection = index.all().stream()
                    .filter(subscriber -> subscriber.subscription().membership().userId() == user.id())
                    .map(StreamConnection.class::cast)
                    .findFirst().orElseThrow();
            // Once a first event arrived, the stream is live (past its catch-up): the burst is written, not held.
            Event<MessageData> first = TestEvents.sms(TestDatabase.strangerNumber(), user.phone(), "first");
            connection.deliver(streamEvents.message(first));
            stream.awaitEventWithId(first.id());
            List<Event<MessageData>> burst = IntStream.range(0, 300)
                    .mapToObj(i -> TestEvents.sms(TestDatabase.strangerNumber(), user.phone(), "burst " + i))
                    .toList();
            List<StreamEvent> framed = burst.stream().map(streamEvents::message).toList();

            // Handed over from a task on the stream's own event loop: its lane cannot run before the whole burst is in.
            connection.execute(() -> framed.forEach(connection::deliver));

            stream.awaitEventWithId(burst.get(burst.size() - 1).id());
            assertEquals(burst.stream().map(Event::id).toList(), stream.ids().subList(1, stream.ids().size()));
            assertEquals(disconnectsBefore, SlowClientTest.slowClientDisconnects(),
                    "a client reading along was cut off as slow");
        }
    }
}
