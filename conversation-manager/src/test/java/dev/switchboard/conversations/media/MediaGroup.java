package dev.switchboard.conversations.media;

import dev.switchboard.conversations.testing.Eventually;
import dev.switchboard.conversations.testing.MessageEventsTopic;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventSerializer;
import dev.switchboard.events.Topics;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The media channel's consumer group seen from outside: it works several messages at once, so the order records were
 * handled in says nothing; its committed offset says which are done (throttled commits never pass a record still in
 * work).
 */
final class MediaGroup {

    private static final String GROUP = "media";

    private MediaGroup() {
    }

    /** Publishes as {@link MessageEventsTopic#publish} does, and tells where the record landed. */
    static RecordMetadata publish(Event<?> event) {
        try (KafkaProducer<String, Event<?>> producer = new KafkaProducer<>(MessageEventsTopic.config(),
                new StringSerializer(), new EventSerializer())) {
            return producer.send(new ProducerRecord<>(Topics.MESSAGE_EVENTS, event.subject(), event)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the media group committed past {@code record}: the channel has finished with it. */
    static void awaitHandled(RecordMetadata record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try (Admin admin = Admin.create(MessageEventsTopic.config())) {
            Eventually.await(() -> committed(admin, partition), offset -> offset > record.offset(),
                    "media group's commit past offset " + record.offset() + " of " + partition);
        }
    }

    private static long committed(Admin admin, TopicPartition partition) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get();
            OffsetAndMetadata offset = offsets.get(partition);
            return offset == null ? -1 : offset.offset();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }
}
