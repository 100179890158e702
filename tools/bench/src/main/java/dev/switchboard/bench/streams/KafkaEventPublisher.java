package dev.switchboard.bench.streams;

import dev.switchboard.events.Event;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.MessageData;
import dev.switchboard.events.Topics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Puts the events on {@code twilio.message-events}, where the gateway and the bare SSE server consume them. */
final class KafkaEventPublisher implements EventPublisher {

    private final KafkaProducer<String, byte[]> producer;

    KafkaEventPublisher(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void publish(List<Event<MessageData>> events) {
        events.forEach(event -> producer.send(new ProducerRecord<>(Topics.MESSAGE_EVENTS, event.subject(),
                EventJson.write(event))));
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
