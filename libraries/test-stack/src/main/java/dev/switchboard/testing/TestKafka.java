package dev.switchboard.testing;

import dev.switchboard.events.ConversationKey;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventDeserializer;
import dev.switchboard.events.EventHeaders;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.MessageData;
import dev.switchboard.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A test's plain Kafka clients on the broker: publishes as the services do (String keys, events as the services'
 * JSON, acks=all, waiting for the broker's ack) and reads a topic back. {@link #broker()} is the broker
 * {@link LocalStackTestResource} gave a {@code @QuarkusTest}; {@link #at} any other, e.g. an end-to-end suite's.
 */
public final class TestKafka implements AutoCloseable {

    /** How long a publish may wait for the broker's ack. */
    private static final Duration ACK = Duration.ofSeconds(30);
    /** One per broker of a Quarkus test run, as the services' own producers are long-lived. */
    private static final Map<String, TestKafka> BROKERS = new ConcurrentHashMap<>();

    private final String bootstrapServers;
    private KafkaProducer<String, byte[]> producer;

    private TestKafka(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** The broker of this Quarkus test ({@code kafka.bootstrap.servers}); shared, not to be closed. */
    public static TestKafka broker() {
        return BROKERS.computeIfAbsent(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                TestKafka::new);
    }

    /** A broker the test started itself; close it to close its producer. */
    public static TestKafka at(String bootstrapServers) {
        return new TestKafka(bootstrapServers);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Publishes {@code event} as the services do (JSON, its type header) under {@code key}; returns once acked. */
    public RecordMetadata publish(String topic, String key, Event<?> event) {
        return acked(producer().send(record(topic, key, event)), topic);
    }

    /** A record as {@code EventSerializer} writes it: the event's JSON and its {@link EventHeaders}. */
    private static ProducerRecord<String, byte[]> record(String topic, String key, Event<?> event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, EventJson.write(event));
        EventHeaders.add(record.headers(), event);
        return record;
    }

    /** Publishes {@code event} under its subject, the key the services give it; returns once the broker acked it. */
    public RecordMetadata publish(String topic, Event<?> event) {
        return publish(topic, event.subject(), event);
    }

    /**
     * Publishes on {@code twilio.message-events} under the event's conversation key, as webhook-ingest and
     * message-sender do; returns once the broker acked it.
     */
    public RecordMetadata publishMessageEvent(Event<MessageData> event) {
        return publish(Topics.MESSAGE_EVENTS, ConversationKey.of(event.data()), event);
    }

    /**
     * Sends every event under its subject from its own thread at once, through the one producer, as concurrent
     * webhooks would; returns once the broker acked them all.
     */
    public void publishConcurrently(String topic, List<? extends Event<?>> events) {
        ExecutorService threads = Executors.newFixedThreadPool(events.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<RecordMetadata>> sent = events.stream().map(event -> threads.submit(() -> {
                start.await();
                return publish(topic, event);
            })).toList();
            start.countDown();
            for (Future<RecordMetadata> each : sent) {
                each.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            threads.shutdown();
        }
    }

    /** Publishes every event in order under its subject; returns once the broker acked them all. */
    public void publishAll(String topic, List<? extends Event<?>> events) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (Event<?> event : events) {
            sent.add(producer().send(record(topic, event.subject(), event)));
        }
        for (Future<RecordMetadata> each : sent) {
            acked(each, topic);
        }
    }

    /**
     * Publishes bytes that need not be an event (a poison record), without headers, as a producer from before
     * {@link EventHeaders}; returns once the broker acked them.
     */
    public RecordMetadata publishRaw(String topic, String key, byte[] value) {
        return acked(producer().send(new ProducerRecord<>(topic, key, value)), topic);
    }

    /** Publishes bytes with these headers (a record some producer mislabelled); returns once the broker acked it. */
    public RecordMetadata publishRaw(String topic, String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
        return acked(producer().send(record), topic);
    }

    private static RecordMetadata acked(Future<RecordMetadata> sent, String topic) {
        try {
            return sent.get(ACK.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not ack a record on " + topic + " within " + ACK, e);
        }
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    /** Reads {@code topic} from its first record on, in a consumer group of its own. */
    public Reader fromBeginning(String topic) {
        KafkaConsumer<String, byte[]> consumer = consumer(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
        consumer.subscribe(List.of(topic));
        return new Reader(topic, consumer);
    }

    /** Reads {@code topic} from its current end: only what is published from now on is seen. */
    public Reader fromNow(String topic) {
        KafkaConsumer<String, byte[]> consumer = consumer(Map.of());
        List<TopicPartition> partitions = partitions(consumer, topic);
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return new Reader(topic, consumer);
    }

    /** Waits up to {@link Waits#PATIENCE} for the first matching record from the topic's start. */
    public ConsumerRecord<String, byte[]> awaitRecord(String topic, String what,
            Predicate<ConsumerRecord<String, byte[]>> which) {
        try (Reader reader = fromBeginning(topic)) {
            return reader.awaitFirst(what, which, Waits.PATIENCE);
        }
    }

    /** Every matching event from the topic's start, as {@link Reader#eventsUntilQuiet} reads them. */
    public <D> List<Event<D>> eventsUntilQuiet(String topic, Class<D> type, Predicate<Event<D>> which, Duration quiet) {
        try (Reader reader = fromBeginning(topic)) {
            return reader.eventsUntilQuiet(type, which, quiet);
        }
    }

    /**
     * Every matching record from the topic's start up to its end as of now. Whatever a test caused and saw acked is
     * inside that range, so "exactly one" and "none" are exact checks, without waiting for a quiet period.
     */
    public <V> List<ConsumerRecord<String, V>> readToEnd(String topic, Deserializer<V> values, Predicate<V> which) {
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), values)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            List<ConsumerRecord<String, V>> found = new ArrayList<>();
            Waits.waitFor("reading " + topic + " up to " + end, Waits.PATIENCE, Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))
                            && which.test(record.value())) {
                        found.add(record);
                    }
                });
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
            return found;
        }
    }

    /** As {@link #readToEnd}, for {@code twilio.message-events}. */
    public List<ConsumerRecord<String, Event<MessageData>>> messageEventsToEnd(Predicate<Event<MessageData>> which) {
        return readToEnd(Topics.MESSAGE_EVENTS, new EventDeserializer.MessageEvents(), which);
    }

    private KafkaConsumer<String, byte[]> consumer(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(extra);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
    }

    /** The record's value as the event it holds. */
    public static <D> Event<D> event(ConsumerRecord<String, byte[]> record, Class<D> type) {
        return EventJson.read(record.value(), type);
    }

    /** The last value of header {@code key}, as text. */
    public static Optional<String> header(ConsumerRecord<String, byte[]> record, String key) {
        return Optional.ofNullable(record.headers().lastHeader(key))
                .map(header -> new String(header.value(), StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }

    /** A consumer placed on one topic; close it when done. */
    public static final class Reader implements AutoCloseable {

        private final String topic;
        private final KafkaConsumer<String, byte[]> consumer;

        private Reader(String topic, KafkaConsumer<String, byte[]> consumer) {
            this.topic = topic;
            this.consumer = consumer;
        }

        /** Waits up to {@code timeout} for the first record that matches; fails naming {@code what}. */
        public ConsumerRecord<String, byte[]> awaitFirst(String what, Predicate<ConsumerRecord<String, byte[]>> which,
                Duration timeout) {
            return awaitMatches(what, which, 1, timeout).get(0);
        }

        /**
         * Waits up to {@code timeout} until {@code n} records matched and returns them, oldest first per partition;
         * fails naming {@code what} and how many matched of how many read.
         */
        public List<ConsumerRecord<String, byte[]>> awaitMatches(String what,
                Predicate<ConsumerRecord<String, byte[]>> which, int n, Duration timeout) {
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            long[] read = {0};
            try {
                Waits.waitFor(what, timeout, Duration.ZERO).until(() -> {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        read[0]++;
                        if (which.test(record)) {
                            found.add(record);
                        }
                    }
                    return found.size() >= n;
                });
            } catch (ConditionTimeoutException late) {
                throw new AssertionError(found.size() + " of " + n + " " + what + " on " + topic + " within "
                        + timeout.toSeconds() + " s, among " + read[0] + " records read", late);
            }
            return found;
        }

        /**
         * Every matching record, read until {@code quiet} passed after the last match (so late duplicates would
         * show), and for 30 s at most. Not a wait for a condition: an empty list is an answer.
         */
        public List<ConsumerRecord<String, byte[]>> readUntilQuiet(Predicate<ConsumerRecord<String, byte[]>> which,
                Duration quiet) {
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            long deadline = System.currentTimeMillis() + Waits.PATIENCE.toMillis();
            long quietUntil = Long.MAX_VALUE;
            while (System.currentTimeMillis() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (which.test(record)) {
                        found.add(record);
                        quietUntil = System.currentTimeMillis() + quiet.toMillis();
                    }
                }
            }
            return found;
        }

        /** As {@link #readUntilQuiet}, for a topic of events of one type. */
        public <D> List<Event<D>> eventsUntilQuiet(Class<D> type, Predicate<Event<D>> which, Duration quiet) {
            List<Event<D>> found = new ArrayList<>();
            readUntilQuiet(record -> {
                Event<D> event = event(record, type);
                boolean matches = which.test(event);
                if (matches) {
                    found.add(event);
                }
                return matches;
            }, quiet);
            return found;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
