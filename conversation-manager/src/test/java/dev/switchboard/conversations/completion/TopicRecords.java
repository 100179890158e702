package dev.switchboard.conversations.completion;

import dev.switchboard.events.Event;
import dev.switchboard.events.EventJson;
import dev.switchboard.conversations.testing.MessageEventsTopic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Everything a topic holds that matches, read from the beginning by a fresh consumer group. */
final class TopicRecords {

    private TopicRecords() {
    }

    /** Reads for {@code quiet} after the last match (so late duplicates would show), up to 30 s in all. */
    static <D> List<Event<D>> read(String topic, Class<D> type, Predicate<Event<D>> matching, Duration quiet) {
        Map<String, Object> config = new HashMap<>(MessageEventsTopic.config());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<Event<D>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            long quietUntil = Long.MAX_VALUE;
            while (System.currentTimeMillis() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Event<D> event = EventJson.read(record.value(), type);
                    if (matching.test(event)) {
                        found.add(event);
                        quietUntil = System.currentTimeMillis() + quiet.toMillis();
                    }
                }
            }
        }
        return found;
    }
}
