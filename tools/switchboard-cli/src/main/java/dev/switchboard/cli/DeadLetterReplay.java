package dev.switchboard.cli;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code switchboard dlq replay --topic <dlq> [--to <topic>] [--since <instant|duration>]}: re-publishes the dead
 * letters on a dead-letter topic to the topic they came from (the {@code dead-letter-topic} header, or {@code --to}),
 * with their original key, value and headers, so that a fixed consumer processes them. The headers the failure added
 * ({@code dead-letter-*}, {@code deserialization-failure-*}) are dropped. (A record its consumer could not even
 * deserialize is dead-lettered with its original bytes as the value, so it is replayed as it first came.) It reads the dead-letter topic up to its end
 * as it was at the start, without a consumer group: every run replays everything since {@code --since} again, which
 * is safe because consumers dedup by event id and message SID.
 */
public final class DeadLetterReplay {

    static final String SOURCE_TOPIC = "dead-letter-topic";
    private static final List<String> FAILURE_HEADERS = List.of("dead-letter-", "deserialization-failure-");
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    /** What to replay: {@code since} empty means from the start of the dead-letter topic. */
    public record Request(String deadLetterTopic, Optional<String> to, Optional<Instant> since) {

        /** Parses {@code --topic t [--to t] [--since 2026-01-01T00:00:00Z | PT2H]}; a duration means that long ago. */
        public static Request parse(List<String> args) {
            Map<String, String> options = new HashMap<>();
            for (int i = 0; i < args.size(); i += 2) {
                if (!Set.of("--topic", "--to", "--since").contains(args.get(i)) || i + 1 >= args.size()) {
                    throw new IllegalArgumentException("unknown option or missing value: " + args.get(i));
                }
                options.put(args.get(i), args.get(i + 1));
            }
            if (!options.containsKey("--topic")) {
                throw new IllegalArgumentException("--topic is required");
            }
            return new Request(options.get("--topic"), Optional.ofNullable(options.get("--to")),
                    Optional.ofNullable(options.get("--since")).map(Request::instant));
        }

        private static Instant instant(String since) {
            return since.startsWith("P") ? Instant.now().minus(Duration.parse(since)) : Instant.parse(since);
        }
    }

    private final String bootstrapServers;
    private final Map<String, Object> security;

    /** {@code security}: the client's {@code security.protocol}, {@code sasl.*} and {@code ssl.*} settings. */
    public DeadLetterReplay(String bootstrapServers, Map<String, Object> security) {
        this.bootstrapServers = bootstrapServers;
        this.security = Map.copyOf(security);
    }

    /** Replays the dead letters the request selects; returns how many were re-published. */
    public int replay(Request request) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig());
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig())) {
            List<TopicPartition> partitions = consumer.partitionsFor(request.deadLetterTopic()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            seekToStart(consumer, partitions, request.since());
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            Instant deadline = Instant.now().plus(READ_TIMEOUT);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + request.deadLetterTopic() + " to its end in "
                            + READ_TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> letter : consumer.poll(Duration.ofMillis(500))) {
                    if (letter.offset() < end.get(new TopicPartition(letter.topic(), letter.partition()))) {
                        sent.add(producer.send(original(letter, request.to())));
                    }
                }
            }
            producer.flush();
            for (Future<RecordMetadata> ack : sent) {
                ack.get();
            }
            return sent.size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a dead letter was not re-published: " + e.getCause(), e.getCause());
        }
    }

    private static void seekToStart(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions,
            Optional<Instant> since) {
        if (since.isEmpty()) {
            consumer.seekToBeginning(partitions);
            return;
        }
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(partition -> times.put(partition, since.get().toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        partitions.forEach(partition -> consumer.seek(partition,
                found.get(partition) == null ? end.get(partition) : found.get(partition).offset()));
    }

    private static ProducerRecord<byte[], byte[]> original(ConsumerRecord<byte[], byte[]> letter, Optional<String> to) {
        String topic = to.or(() -> header(letter, SOURCE_TOPIC)).orElseThrow(() -> new IllegalStateException(
                "dead letter " + letter.partition() + "@" + letter.offset() + " names no source topic: use --to"));
        List<Header> headers = new ArrayList<>();
        letter.headers().forEach(header -> {
            if (FAILURE_HEADERS.stream().noneMatch(header.key()::startsWith)) {
                headers.add(header);
            }
        });
        return new ProducerRecord<>(topic, null, letter.key(), letter.value(), headers);
    }

    private static Optional<String> header(ConsumerRecord<byte[], byte[]> letter, String key) {
        return Optional.ofNullable(letter.headers().lastHeader(key))
                .map(header -> new String(header.value(), StandardCharsets.UTF_8));
    }

    private Map<String, Object> consumerConfig() {
        return withSecurity(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "switchboard-dlq-replay-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }

    private Map<String, Object> producerConfig() {
        return withSecurity(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    private Map<String, Object> withSecurity(Map<String, Object> config) {
        Map<String, Object> all = new HashMap<>(security);
        all.putAll(config);
        return all;
    }
}
