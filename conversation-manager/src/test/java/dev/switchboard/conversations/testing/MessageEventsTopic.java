package dev.switchboard.conversations.testing;

import dev.switchboard.events.Event;
import dev.switchboard.events.EventSerializer;
import dev.switchboard.events.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** Publishes to {@code twilio.message-events} of the test broker the way webhook-ingest does (plain producer, acks=all). */
public final class MessageEventsTopic {

    private MessageEventsTopic() {
    }

    public static void publish(Event<?> event) {
        try (KafkaProducer<String, Event<?>> producer = new KafkaProducer<>(config(), new StringSerializer(),
                new EventSerializer())) {
            producer.send(new ProducerRecord<>(Topics.MESSAGE_EVENTS, event.subject(), event)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends every event from its own thread at once, through one shared producer, as concurrent webhooks would. */
    public static void publishConcurrently(List<? extends Event<?>> events) {
        try (KafkaProducer<String, Event<?>> producer = new KafkaProducer<>(config(), new StringSerializer(),
                new EventSerializer())) {
            ExecutorService threads = Executors.newFixedThreadPool(events.size());
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> sent = events.stream().map(event -> threads.submit(() -> {
                start.await();
                return producer.send(new ProducerRecord<>(Topics.MESSAGE_EVENTS, event.subject(), event)).get();
            })).collect(Collectors.toList());
            start.countDown();
            for (Future<?> each : sent) {
                each.get();
            }
            threads.shutdown();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void publishRaw(String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config(), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.MESSAGE_EVENTS, key, value)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, Object> config() {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ProducerConfig.ACKS_CONFIG, "all");
    }
}
