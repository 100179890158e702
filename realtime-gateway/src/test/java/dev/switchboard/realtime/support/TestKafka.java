package dev.switchboard.realtime.support;

import dev.switchboard.events.ConversationKey;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventSerializer;
import dev.switchboard.events.MessageData;
import dev.switchboard.events.TaskCompletedData;
import dev.switchboard.events.Topics;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** Publishes events to the test broker as the other services do: same topics, keys and serializer. */
public final class TestKafka {

    private static KafkaProducer<String, Event<?>> producer;

    private TestKafka() {
    }

    public static void publishMessage(Event<MessageData> event) {
        send(new ProducerRecord<>(Topics.MESSAGE_EVENTS, ConversationKey.of(event.data()), event));
    }

    public static void publishTask(Event<TaskCompletedData> event) {
        send(new ProducerRecord<>(Topics.TASK_EVENTS, Long.toString(event.data().userId()), event));
    }

    private static void send(ProducerRecord<String, Event<?>> record) {
        try {
            producer().send(record).get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the test broker did not take " + record.value().id(), e);
        }
    }

    private static synchronized KafkaProducer<String, Event<?>> producer() {
        if (producer == null) {
            Properties config = new Properties();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(config, new StringSerializer(), new EventSerializer());
        }
        return producer;
    }
}
