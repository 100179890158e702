package dev.switchboard.ingest.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.events.Event;
import dev.switchboard.events.EventDeserializer;
import dev.switchboard.events.EventSources;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.MessageData;
import dev.switchboard.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MessageEventPublisherTest {

    @Inject
    MessageEventPublisher publisher;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void publishedEventIsOnTheBrokerKeyedByConversation() {
        MessageData sms = new MessageData("SM" + System.nanoTime(), "AC1", null, null, "sms", "+15550001111",
                "+15550002222", null, "hello", null, null, null, null, null, null, null, null, null,
                Map.of("Body", "hello"));
        Event<MessageData> event = Event.of(EventTypes.MESSAGE_ADDED, EventSources.MESSAGING, "k", sms);

        publisher.publish(event).await().atMost(Duration.ofSeconds(30));

        ConsumerRecord<String, Event<MessageData>> record = readUntil(event.id());
        assertEquals("+15550001111|+15550002222", record.key());
        assertEquals(event, record.value());
    }

    private ConsumerRecord<String, Event<MessageData>> readUntil(String eventId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + eventId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, Event<MessageData>> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new EventDeserializer.MessageEvents())) {
            consumer.subscribe(List.of(Topics.MESSAGE_EVENTS));
            long deadline = System.currentTimeMillis() + 30_000;
            List<String> seen = new ArrayList<>();
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, Event<MessageData>> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value().id().equals(eventId)) {
                        return record;
                    }
                    seen.add(record.value().id());
                }
            }
            throw new AssertionError("event " + eventId + " not on " + Topics.MESSAGE_EVENTS + "; saw " + seen);
        }
    }
}
