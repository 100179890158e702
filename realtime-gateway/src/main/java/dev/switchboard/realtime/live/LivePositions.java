package dev.switchboard.realtime.live;

import dev.switchboard.events.Topics;
import dev.switchboard.realtime.stream.StreamConfig;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Where the gateway's consumers read from, so that a stream answered 200 misses nothing produced after that moment.
 * <p>
 * Kafka's {@code auto.offset.reset=latest} resolves "the end" lazily, at the first fetch after an assignment: events
 * produced between "ready" and that fetch were skipped, and again at every rebalance (SmallRye also drops the records
 * of revoked partitions it had queued). Instead, at the first assignment of a partition this replica asks for its end
 * offset <em>synchronously</em>, before it reports ready: every event produced later has a higher offset, so it is
 * live. It starts reading a recent window earlier than that, so that the recent-events memory of a fresh replica can
 * resume cursors (task events included) that an earlier replica handed out; those events are history, never sent to
 * streams as live. At every later assignment it goes on from the next offset it has not handled, and an offset it
 * has already handled is dropped, so a rebalance neither loses nor repeats an event. A partition first seen after
 * the topic was positioned (partitions added) is read from the start of the window, all of it live.
 */
@ApplicationScoped
@Default
@Identifier(LivePositions.NAME)
public class LivePositions implements KafkaConsumerRebalanceListener {

    /** The name the channels' {@code consumer-rebalance-listener.name} refers to. */
    public static final String NAME = "live-positions";

    /** What to do with a record the consumer hands over. */
    public enum Admission {
        /** Produced after this replica was positioned: route it to the streams that read it. */
        LIVE,
        /** Produced before: keep it in the recent-events memory only. */
        HISTORY,
        /** Handled already (read again after a rebalance): drop it. */
        SEEN
    }

    private static final Logger LOG = Logger.getLogger(LivePositions.class);
    private static final Set<String> TOPICS = Set.of(Topics.MESSAGE_EVENTS, Topics.TASK_EVENTS);

    private final Map<TopicPartition, Long> liveFrom = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> next = new ConcurrentHashMap<>();
    private final Set<String> positionedTopics = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> positioned = new CompletableFuture<>();
    private final Instant startedAt = Instant.now();
    private final StreamConfig config;

    LivePositions(StreamConfig config) {
        this.config = config;
    }

    /** True once both topics' partitions are assigned and positioned: from then on nothing produced is missed. */
    public boolean isPositioned() {
        return positioned.isDone();
    }

    /** Completes when {@link #isPositioned()} becomes true. */
    public Uni<Void> whenPositioned() {
        return Uni.createFrom().completionStage(positioned);
    }

    /** Classifies a record and, unless it was seen already, marks it handled. Called in each partition's order. */
    public Admission admit(ConsumerRecord<?, ?> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        long expected = next.getOrDefault(partition, 0L);
        if (record.offset() < expected) {
            return Admission.SEEN;
        }
        next.put(partition, record.offset() + 1);
        return record.offset() < liveFrom.getOrDefault(partition, Long.MAX_VALUE) ? Admission.HISTORY : Admission.LIVE;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        List<TopicPartition> fresh = partitions.stream().filter(p -> !next.containsKey(p)).toList();
        partitions.stream().filter(next::containsKey).forEach(p -> consumer.seek(p, next.get(p)));
        if (!fresh.isEmpty()) {
            position(consumer, fresh);
        }
        partitions.forEach(p -> positionedTopics.add(p.topic()));
        if (positionedTopics.containsAll(TOPICS) && positioned.complete(null)) {
            LOG.infof("live events positioned on %s", liveFrom);
        }
    }

    private void position(Consumer<?, ?> consumer, List<TopicPartition> fresh) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(fresh);
        long since = startedAt.minus(config.recentWindow()).toEpochMilli();
        Map<TopicPartition, OffsetAndTimestamp> recent = consumer.offsetsForTimes(
                fresh.stream().collect(Collectors.toMap(Function.identity(), p -> since)));
        for (TopicPartition partition : fresh) {
            long end = ends.get(partition);
            OffsetAndTimestamp first = recent.get(partition);
            long from = first == null ? end : Math.min(first.offset(), end);
            // A partition added to a topic this replica already reads holds only events produced since: all live.
            liveFrom.put(partition, positionedTopics.contains(partition.topic()) ? from : end);
            next.put(partition, from);
            consumer.seek(partition, from);
        }
    }
}
