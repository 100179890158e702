package dev.switchboard.conversations.media;

import dev.switchboard.testing.TestKafka;
import dev.switchboard.testing.Waits;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The media channel's consumer group seen from outside: it works several messages at once, so the order records were
 * handled in says nothing; its committed offset says which are done (throttled commits never pass a record still in
 * work). An AdminClient of its own rather than TestKafka: it reads the service's consumer-group offsets.
 */
final class MediaGroup {

    private static final String GROUP = "media";

    private MediaGroup() {
    }

    /** Waits until the media group committed past {@code record}: the channel has finished with it. */
    static void awaitHandled(RecordMetadata record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.broker().bootstrapServers()))) {
            Waits.waitFor("media group's commit past offset " + record.offset() + " of " + partition)
                    .until(() -> committed(admin, partition), offset -> offset > record.offset());
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
