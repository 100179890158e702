package dev.switchboard.bench.drain;

import dev.switchboard.bench.load.CompiledWarmUp;
import dev.switchboard.bench.load.CpuTicks;
import dev.switchboard.bench.load.Result;
import dev.switchboard.bench.load.Settings;
import dev.switchboard.bench.streams.BenchUsers;
import dev.switchboard.events.ConversationKey;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.EventSources;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.MessageData;
import dev.switchboard.events.Topics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * P2: after a warm-up of batches of {@code warmupEvents} until steady and compiled ({@link CompiledWarmUp}),
 * {@code events} new {@code message.added} events put on Kafka as fast as the producer goes, timed from the first
 * send until conversation-manager stored them all (rows per second); then the very same events again — all
 * duplicates — followed by one fresh sentinel per partition, timed until the sentinels are stored: a partition is
 * consumed in order, so by then every duplicate was processed. The events come from conversation-manager's own
 * source, which task completion ignores, so the figure is the persistence consumer's. The CPU time of
 * conversation-manager, Kafka and PostgreSQL ({@code cpu}) is reported per event stored and per duplicate.
 */
public final class DrainLoad {

    private static final int PARTITIONS = 3;
    private static final String ROWS_AFTER = "SELECT count(*) FROM messages WHERE id > ?";
    private static final String STORED = "SELECT count(*) FROM messages WHERE message_sid = ANY(?)";

    private final Connection db;
    private final KafkaProducer<String, byte[]> producer;

    private DrainLoad(Connection db, KafkaProducer<String, byte[]> producer) {
        this.db = db;
        this.producer = producer;
    }

    public static void run(Settings settings) throws Exception {
        try (Connection db = BenchUsers.connect(settings.text("jdbc"));
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.text("kafka"),
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer())) {
            DrainLoad drain = new DrainLoad(db, producer);
            CpuTicks cpu = new CpuTicks(settings.text("cpu"));
            CompiledWarmUp warmUp = new CompiledWarmUp(cpu, process -> true, "events");
            int batch = settings.integer("warmupEvents");
            int batches = warmUp.run(() -> batch / drain.drain(events(batch)), batch,
                    settings.integer("warmupLimitSeconds"));
            List<ProducerRecord<String, byte[]>> events = events(settings.integer("events"));
            Result result = new Result();
            Map<String, Double> before = cpu.millis();
            double seconds = drain.drain(events);
            Map<String, Double> drained = cpu.millis();
            double again = drain.redrain(events);
            Map<String, Double> perEvent = CpuTicks.perUnit(before, drained, events.size());
            Map<String, Double> perDuplicate = CpuTicks.perUnit(drained, cpu.millis(), events.size());
            perEvent.forEach((process, millis) -> result.put("cpuMs." + process, millis));
            perDuplicate.forEach((process, millis) -> result.put("redrainCpuMs." + process, millis));
            result.put("cpuMs.suite", warmUp.sum(perEvent))
                    .put("redrainCpuMs.suite", warmUp.sum(perDuplicate))
                    .put("warmupEvents", batches * batch)
                    .put("rowsPerSecond", events.size() / seconds)
                    .put("drainSeconds", seconds)
                    .put("redrainSeconds", again)
                    .put("redrainRatio", again / seconds)
                    .print();
        }
    }

    private double drain(List<ProducerRecord<String, byte[]>> events) throws Exception {
        long last = query("SELECT coalesce(max(id), 0) FROM messages", null);
        long start = System.nanoTime();
        events.forEach(producer::send);
        producer.flush();
        awaitCount(ROWS_AFTER, last, events.size());
        return (System.nanoTime() - start) / 1e9;
    }

    private double redrain(List<ProducerRecord<String, byte[]>> events) throws Exception {
        List<String> sentinels = new ArrayList<>();
        long start = System.nanoTime();
        events.forEach(producer::send);
        for (int partition = 0; partition < PARTITIONS; partition++) {
            ProducerRecord<String, byte[]> fresh = events(1).get(0);
            sentinels.add(EventJson.read(fresh.value(), MessageData.class).data().messageSid());
            producer.send(new ProducerRecord<>(Topics.MESSAGE_EVENTS, partition, fresh.key(), fresh.value()));
        }
        producer.flush();
        awaitCount(STORED, db.createArrayOf("text", sentinels.toArray()), PARTITIONS);
        return (System.nanoTime() - start) / 1e9;
    }

    private void awaitCount(String sql, Object parameter, long expected) throws Exception {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (query(sql, parameter) < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("conversation-manager did not store the events within 5 minutes");
            }
            Thread.sleep(20);
        }
    }

    private long query(String sql, Object parameter) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setObject(1, parameter);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** New SMS, each from its own number, so that they spread over the partitions. */
    private static List<ProducerRecord<String, byte[]>> events(int count) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Event<MessageData> event = newMessage(i);
            records.add(new ProducerRecord<>(Topics.MESSAGE_EVENTS, event.subject(), EventJson.write(event)));
        }
        return records;
    }

    /** A {@code message.added} of a new inbound SMS, as drained (pgbench logs its JSON as the payload, too). */
    public static Event<MessageData> newMessage(int i) {
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        Instant now = Instant.now();
        MessageData data = new MessageData(sid, "AC00000000000000000000000000000000", null, null, "sms",
                "+1888" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000)), "+15005550006",
                null, "drained message " + i, null, null, null, List.of(), "received", null, null, now, now,
                Map.of("MessageSid", sid));
        return Event.of(EventTypes.MESSAGE_ADDED, EventSources.CONVERSATION_MANAGER, ConversationKey.of(data), data);
    }
}
