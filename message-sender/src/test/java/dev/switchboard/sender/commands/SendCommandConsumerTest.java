package dev.switchboard.sender.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.events.Event;
import dev.switchboard.events.EventSerializer;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.SendRequestData;
import dev.switchboard.events.Topics;
import dev.switchboard.sender.outbound.OutboundMessage;
import dev.switchboard.sender.testing.Numbers;
import dev.switchboard.sender.testing.OutboundRows;
import dev.switchboard.sender.testing.StandIn;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SendCommandConsumerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void aCommandProducedTwiceIsSentOnce() throws Exception {
        SendRequestData command = command(Numbers.unique());

        produce(command);
        produce(command);

        OutboundMessage row = awaitFinal(command.commandId());
        assertEquals("sent", row.state);
        awaitQuiet();
        assertEquals(1, StandIn.messagesTo(command.to()).size());
    }

    @Test
    void aCommandTwilioRefusesLandsInTheDeadLetterTopicWithTheReason() throws Exception {
        SendRequestData command = command(Numbers.unique());
        StandIn.scriptMessages(400, Map.of(), StandIn.twilioError(400, 21211, "not a valid phone number"), 1, 0);

        produce(command);

        ConsumerRecord<String, String> dead = awaitDeadLetter(command.commandId());
        String reason = new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
        assertTrue(reason.contains("failed") && reason.contains("21211"), reason);
        assertEquals("failed", OutboundRows.byKey("command:" + command.commandId()).state);
        assertEquals(1, StandIn.messagesTo(command.to()).size());
    }

    private static SendRequestData command(String to) {
        return new SendRequestData(UUID.randomUUID().toString(), "sms", to, "Task done: +10 points", List.of(), null,
                null, null, Map.of(), "SM" + UUID.randomUUID().toString().replace("-", ""));
    }

    private static void produce(SendRequestData command) throws Exception {
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrapServers());
        try (KafkaProducer<String, Event<?>> producer = new KafkaProducer<>(config, new StringSerializer(),
                new EventSerializer())) {
            producer.send(new ProducerRecord<>(Topics.OUTBOUND_MESSAGES, command.commandId(),
                    Event.of(EventTypes.MESSAGE_SEND_REQUESTED, "conversation-manager", command.commandId(), command)))
                    .get();
        }
    }

    private static OutboundMessage awaitFinal(String commandId) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            OutboundMessage row = OutboundRows.byKey("command:" + commandId);
            if (row != null && !row.state.equals("requested") && !row.state.equals("sending")) {
                return row;
            }
            pause(100);
        }
        throw new AssertionError("command " + commandId + " was not settled within " + PATIENCE);
    }

    /** Gives a wrongly repeated send the time to reach the stand-in before counting. */
    private static void awaitQuiet() {
        pause(1_000);
    }

    private static ConsumerRecord<String, String> awaitDeadLetter(String commandId) {
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrapServers());
        config.put("group.id", "test-" + UUID.randomUUID());
        config.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(SendCommandConsumer.DEAD_LETTER_TOPIC));
            Instant deadline = Instant.now().plus(PATIENCE);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (commandId.equals(record.key())) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("command " + commandId + " did not reach the dead-letter topic within " + PATIENCE);
    }

    private static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
