package dev.switchboard.faults;

import dev.switchboard.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads {@code twilio.message-events.dlq} from its start, without a consumer group, as an operator would. */
final class DeadLetters {

    static final String REASON = "dead-letter-reason";

    private DeadLetters() {
    }

    /** Waits until {@code n} dead letters match and returns them, oldest first per partition. */
    static List<ConsumerRecord<String, byte[]>> await(String bootstrapServers, Predicate<ConsumerRecord<String, byte[]>> which,
            int n, Duration timeout) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.MESSAGE_EVENTS_DLQ).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            Instant deadline = Instant.now().plus(timeout);
            while (found.size() < n) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError(found.size() + " of " + n + " dead letters within " + timeout.toSeconds() + " s");
                }
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (which.test(record)) {
                        found.add(record);
                    }
                });
            }
            return found;
        }
    }

    static Optional<String> header(ConsumerRecord<String, byte[]> letter, String key) {
        return Optional.ofNullable(letter.headers().lastHeader(key))
                .map(header -> new String(header.value(), StandardCharsets.UTF_8));
    }

    /** Whether the dead letter's value (the event as JSON) mentions {@code text}, e.g. a MessageSid. */
    static Predicate<ConsumerRecord<String, byte[]>> mentioning(String text) {
        return letter -> letter.value() != null && new String(letter.value(), StandardCharsets.UTF_8).contains(text);
    }
}
