package dev.switchboard.ingest.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.events.Event;
import dev.switchboard.events.EventSources;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.MessageData;
import dev.switchboard.events.Topics;
import dev.switchboard.testing.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MessageEventPublisherTest {

    @Inject
    MessageEventPublisher publisher;

    @Test
    void publishedEventIsOnTheBrokerKeyedByConversation() {
        MessageData sms = new MessageData("SM" + System.nanoTime(), "AC1", null, null, "sms", "+15550001111",
                "+15550002222", null, "hello", null, null, null, null, null, null, null, null, null,
                Map.of("Body", "hello"));
        Event<MessageData> event = Event.of(EventTypes.MESSAGE_ADDED, EventSources.MESSAGING, "k", sms);

        publisher.publish(event).await().atMost(Duration.ofSeconds(30));

        ConsumerRecord<String, byte[]> record = TestKafka.broker().awaitRecord(Topics.MESSAGE_EVENTS,
                "event " + event.id(), r -> TestKafka.event(r, MessageData.class).id().equals(event.id()));
        assertEquals("+15550001111|+15550002222", record.key());
        assertEquals(event, TestKafka.event(record, MessageData.class));
    }
}
