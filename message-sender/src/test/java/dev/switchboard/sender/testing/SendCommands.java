package dev.switchboard.sender.testing;

import dev.switchboard.events.Event;
import dev.switchboard.events.EventSerializer;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.SendRequestData;
import dev.switchboard.events.Topics;
import dev.switchboard.testing.HealthWatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A batch of SMS send commands on the outbound-messages topic, as other services produce them. Every command of a
 * batch has the batch's id in its command id and its body, so the batch's rows and Twilio requests can be told apart
 * from other tests' traffic.
 */
public final class SendCommands {

    private final String batch = UUID.randomUUID().toString();
    private final int size;

    public SendCommands(int size) {
        this.size = size;
    }

    public int size() {
        return size;
    }

    /** Prefix of the idempotency keys of this batch's rows. */
    public String keyPrefix() {
        return "command:" + batch + "-";
    }

    /** Start of the body of every command of this batch; each body ends with the command's number. */
    public String bodyPrefix() {
        return "Backlog " + batch + " #";
    }

    /** Produces every command of the batch and waits until the broker has them all. */
    public void produce() throws Exception {
        Properties config = new Properties();
        config.put("bootstrap.servers", ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        try (KafkaProducer<String, Event<?>> producer = new KafkaProducer<>(config, new StringSerializer(),
                new EventSerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                SendRequestData command = command(i);
                sent.add(producer.send(new ProducerRecord<>(Topics.OUTBOUND_MESSAGES, command.commandId(),
                        Event.of(EventTypes.MESSAGE_SEND_REQUESTED, "conversation-manager", command.commandId(),
                                command))));
            }
            for (Future<RecordMetadata> each : sent) {
                each.get();
            }
        }
    }

    /**
     * Waits while the batch makes progress, until every command's row is final; fails once none has settled for
     * {@code stuckAfter} (not a speed requirement: a batch on which nothing at all happens is stuck), or as soon as a
     * health probe failed.
     */
    public void awaitSettled(HealthWatch health, Duration stuckAfter) {
        long settled = 0;
        Instant lastProgress = Instant.now();
        while (settled < size) {
            if (!health.failures().isEmpty()) {
                throw new AssertionError("probes not answered 200 with " + settled + " of " + size
                        + " commands settled: " + health.failures());
            }
            long now = OutboundRows.countByKeyPrefix(keyPrefix(), List.of("sent", "failed", "ambiguous"));
            if (now > settled) {
                settled = now;
                lastProgress = Instant.now();
            } else if (Duration.between(lastProgress, Instant.now()).compareTo(stuckAfter) > 0) {
                throw new AssertionError("stuck: " + settled + " of " + size + " commands settled, none for "
                        + stuckAfter);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private SendRequestData command(int number) {
        return new SendRequestData(batch + "-" + number, "sms", Numbers.unique(), bodyPrefix() + number, List.of(),
                null, null, null, Map.of(), null);
    }
}
