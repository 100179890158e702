package dev.switchboard.ingest;

import dev.switchboard.events.Event;
import dev.switchboard.events.EventDeserializer;
import dev.switchboard.events.MessageData;
import dev.switchboard.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads {@code twilio.message-events} from the beginning up to its end as of now, with a plain consumer. A 2xx means
 * Kafka acked, so every event a test caused so far is inside that range: "exactly one" and "none" are exact checks.
 */
public final class MessageEventsOnKafka {

    private MessageEventsOnKafka() {
    }

    public static List<ConsumerRecord<String, Event<MessageData>>> matching(Predicate<Event<MessageData>> filter) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, Event<MessageData>> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new EventDeserializer.MessageEvents())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.MESSAGE_EVENTS, Duration.ofSeconds(10))
                    .stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            List<ConsumerRecord<String, Event<MessageData>>> found = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("could not read " + Topics.MESSAGE_EVENTS + " up to " + end);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))
                            && filter.test(record.value())) {
                        found.add(record);
                    }
                });
            }
            return found;
        }
    }
}
