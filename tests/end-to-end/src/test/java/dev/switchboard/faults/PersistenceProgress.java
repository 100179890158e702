package dev.switchboard.faults;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far conversation-manager's persistence consumer has committed on {@code twilio.message-events}, against the
 * end of the log, as Kafka's AdminClient reports it. An AdminClient of its own rather than TestKafka: it reads a
 * service's consumer-group offsets, with timeouts short enough for a stopped broker.
 */
final class PersistenceProgress {

    /** {@code mp.messaging.incoming.message-events-persistence.group.id} in conversation-manager. */
    static final String GROUP = "persistence";
    static final String TOPIC = "twilio.message-events";

    /** Summed over the topic's partitions; a partition with no commit yet counts as committed at 0. */
    record Offsets(long committed, long end) {

        long lag() {
            return end - committed;
        }
    }

    private PersistenceProgress() {
    }

    static Offsets of(String bootstrapServers) throws InterruptedException, ExecutionException, TimeoutException {
        // Kafka refuses a default.api.timeout.ms below request.timeout.ms: both are shortened, for a stopped broker.
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(TOPIC)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(TOPIC).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(TOPIC, p.partition()), p -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = admin.listOffsets(latest).all()
                    .get(10, TimeUnit.SECONDS);
            return new Offsets(
                    latest.keySet().stream().map(committed::get).mapToLong(o -> o == null ? 0 : o.offset()).sum(),
                    end.values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum());
        }
    }
}
