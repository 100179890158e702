package dev.switchboard.sender.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.events.Event;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.SendRequestData;
import dev.switchboard.events.Topics;
import dev.switchboard.sender.outbound.OutboundMessage;
import dev.switchboard.sender.testing.Numbers;
import dev.switchboard.sender.testing.OutboundRows;
import dev.switchboard.testing.StandIn;
import dev.switchboard.testing.TestKafka;
import dev.switchboard.testing.Waits;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(command.commandId());
        String reason = new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
        assertTrue(reason.contains("failed") && reason.contains("21211"), reason);
        assertEquals("failed", OutboundRows.byKey("command:" + command.commandId()).state);
        assertEquals(1, StandIn.messagesTo(command.to()).size());
    }

    private static SendRequestData command(String to) {
        return new SendRequestData(UUID.randomUUID().toString(), "sms", to, "Task done: +10 points", List.of(), null,
                null, null, Map.of(), "SM" + UUID.randomUUID().toString().replace("-", ""));
    }

    private static void produce(SendRequestData command) {
        TestKafka.broker().publish(Topics.OUTBOUND_MESSAGES, command.commandId(),
                Event.of(EventTypes.MESSAGE_SEND_REQUESTED, "conversation-manager", command.commandId(), command));
    }

    private static OutboundMessage awaitFinal(String commandId) {
        return Waits.waitFor("command " + commandId + " settled", PATIENCE, Duration.ofMillis(100))
                .until(() -> OutboundRows.byKey("command:" + commandId),
                        row -> row != null && !row.state.equals("requested") && !row.state.equals("sending"));
    }

    /** Gives a wrongly repeated send the time to reach the stand-in before counting: not a wait for a condition. */
    private static void awaitQuiet() throws InterruptedException {
        Thread.sleep(1_000);
    }

    private static ConsumerRecord<String, byte[]> awaitDeadLetter(String commandId) {
        return TestKafka.broker().awaitRecord(SendCommandConsumer.DEAD_LETTER_TOPIC,
                "command " + commandId + " on the dead-letter topic", record -> commandId.equals(record.key()));
    }
}
