package dev.switchboard.sender.testing;

import dev.switchboard.events.Event;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.EventSerializer;
import dev.switchboard.events.MessageData;
import dev.switchboard.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** {@code twilio.message-events} as the tests see it: publish as webhook-ingest does, read what came after a point. */
public final class MessageEventsTopic implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;

    /** Starts reading at the topic's current end: only what is published from now on is seen. */
    private MessageEventsTopic() {
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrapServers());
        config.put("group.id", "test-" + UUID.randomUUID());
        config.put("enable.auto.commit", "false");
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.MESSAGE_EVENTS).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    public static MessageEventsTopic fromNow() {
        return new MessageEventsTopic();
    }

    /** Every matching event published since {@link #fromNow()}, read until {@code quiet} passed after the last match. */
    public List<Event<MessageData>> read(Predicate<Event<MessageData>> matching, Duration quiet) {
        List<Event<MessageData>> found = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 30_000;
        long quietUntil = Long.MAX_VALUE;
        while (System.currentTimeMillis() < Math.min(deadline, quietUntil)) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                Event<MessageData> event = EventJson.read(record.value(), MessageData.class);
                if (matching.test(event)) {
                    found.add(event);
                    quietUntil = System.currentTimeMillis() + quiet.toMillis();
                }
            }
        }
        return found;
    }

    public static void publish(Event<MessageData> event) {
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrapServers());
        try (KafkaProducer<String, Event<?>> producer = new KafkaProducer<>(config, new StringSerializer(),
                new EventSerializer())) {
            producer.send(new ProducerRecord<>(Topics.MESSAGE_EVENTS, event.subject(), event)).get();
        } catch (Exception e) {
            throw new AssertionError("publishing " + event.id() + " failed", e);
        }
    }

    private static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
