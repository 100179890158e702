package dev.switchboard.faults;

import dev.switchboard.stack.ProjectLayout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.e2e.Suite;
import dev.switchboard.events.ConversationKey;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventSerializer;
import dev.switchboard.events.EventSources;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.MessageData;
import dev.switchboard.events.Topics;
import dev.switchboard.testing.TestKafka;
import dev.switchboard.testing.Waits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * docs/reliability.md, fault 5: records on {@code twilio.message-events} that the persistence consumer can never store
 * go to the dead-letter topic with their reason, the events behind them on the same partition are stored all the same,
 * and {@code ./switchboard dlq replay} brings a dead letter back once its cause is fixed — stored once, however often
 * it is replayed. Fast enough for the default build.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoisonEventTest {

    /** How often a wait checks its condition. */
    private static final Duration POLL = Duration.ofMillis(250);

    private static final Duration SOON = Duration.ofSeconds(60);

    @AutoClose
    private static Suite suite;

    @BeforeAll
    static void startTheSuite() {
        suite = Suite.start("faults-poison");
    }

    @Test
    @Order(1)
    void poisonGoesToTheDeadLetterTopicWithItsReasonAndTheEventsBehindItAreStored() throws Exception {
        String phone = Suite.newPhone();
        Event<MessageData> behind = inboundSms(Suite.sid("SM"), phone);
        String key = ConversationKey.of(behind.data());
        byte[] notJson = "this is not JSON".getBytes(StandardCharsets.UTF_8);
        Event<MessageData> withoutSid = inboundSms(null, phone);
        // One key: the poison and the events behind it share a partition, and most likely one consumer batch.
        produce(key, List.of(notJson, serialized(withoutSid), serialized(behind)));
        String webhookSid = Suite.sid("SM");
        assertEquals(200, suite.postWebhook(Suite.inboundSms(webhookSid, phone, "after the poison"), true).statusCode());

        // The unreadable record must keep its bytes, or a replay would have nothing to re-publish.
        List<ConsumerRecord<String, byte[]>> letters = new ArrayList<>(
                awaitDeadLetter(letter -> key.equals(letter.key()) && Arrays.equals(notJson, letter.value())));
        letters.addAll(awaitDeadLetter(mentioning(withoutSid.id())));
        for (ConsumerRecord<String, byte[]> letter : letters) {
            String reason = TestKafka.header(letter, "dead-letter-reason").orElse("");
            System.out.println("[fault figures] 5. dead letter at " + letter.partition() + "@" + letter.offset() + ": "
                    + reason);
            assertTrue(!reason.isBlank(), "a dead letter says why");
            assertEquals(Topics.MESSAGE_EVENTS, TestKafka.header(letter, "dead-letter-topic").orElse(null));
        }
        Waits.waitFor("the events behind the poison stored", SOON, POLL).ignoreExceptions()
                .until(() -> StoredMessages.of(suite, List.of(behind.data().messageSid(), webhookSid)).lost() == 0);
        assertEquals(0, StoredMessages.of(suite, List.of(behind.data().messageSid(), webhookSid)).duplicated());
    }

    @Test
    @Order(2)
    void aReplayedDeadLetterIsStoredOnceHoweverOftenItIsReplayed() throws Exception {
        String messageSid = Suite.sid("SM");
        String body = "refused for now " + UUID.randomUUID();
        Instant before = Instant.now();
        // A defect that makes the database refuse one message (SQLSTATE 23514): the consumer dead-letters it.
        execute("ALTER TABLE messages ADD CONSTRAINT replay_test CHECK (body IS DISTINCT FROM '" + body + "') NOT VALID");
        try {
            assertEquals(200, suite.postWebhook(Suite.inboundSms(messageSid, Suite.newPhone(), body), true).statusCode());
            awaitDeadLetter(mentioning(messageSid));
        } finally {
            execute("ALTER TABLE messages DROP CONSTRAINT IF EXISTS replay_test");
        }
        assertEquals(1, StoredMessages.of(suite, List.of(messageSid)).lost(), "dead-lettered, so not stored yet");

        for (int run = 1; run <= 2; run++) {
            String output = replayDeadLettersSince(before);
            assertTrue(output.contains("replayed 1 dead letters"), output);
            Waits.waitFor("the replayed message stored and the log consumed", SOON, POLL).ignoreExceptions()
                    .until(() -> StoredMessages.of(suite, List.of(messageSid)).lost() == 0
                            && PersistenceProgress.of(suite.stack().kafkaBootstrapServers()).lag() == 0);
            assertEquals(0, StoredMessages.of(suite, List.of(messageSid)).duplicated(), "after replay " + run);
        }
    }

    /** Runs {@code ./switchboard dlq replay} as an operator would, against this suite's broker. */
    private static String replayDeadLettersSince(Instant since) throws Exception {
        Path root = ProjectLayout.root();
        Path output = Files.createTempFile("dlq-replay", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder("./switchboard", "dlq", "replay", "--topic",
                    Topics.MESSAGE_EVENTS_DLQ, "--since", since.toString())
                    .directory(root.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", suite.stack().kafkaBootstrapServers());
            Process replay = builder.start();
            if (!replay.waitFor(2, TimeUnit.MINUTES)) {
                replay.destroyForcibly();
                throw new AssertionError("dlq replay did not end within 2 minutes: " + Files.readString(output));
            }
            assertEquals(0, replay.exitValue(), Files.readString(output));
            return Files.readString(output);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static void produce(String key, List<byte[]> values) {
        try (TestKafka kafka = TestKafka.at(suite.stack().kafkaBootstrapServers())) {
            values.forEach(value -> kafka.publishRaw(Topics.MESSAGE_EVENTS, key, value));
        }
    }

    /** Reads {@code twilio.message-events.dlq} from its start until a dead letter matches, {@link #SOON} at most. */
    private static List<ConsumerRecord<String, byte[]>> awaitDeadLetter(
            Predicate<ConsumerRecord<String, byte[]>> which) {
        try (TestKafka kafka = TestKafka.at(suite.stack().kafkaBootstrapServers());
                TestKafka.Reader letters = kafka.fromBeginning(Topics.MESSAGE_EVENTS_DLQ)) {
            return letters.awaitMatches("dead letters", which, 1, SOON);
        }
    }

    /** Whether the dead letter's value (the event as JSON) mentions {@code text}, e.g. a MessageSid. */
    private static Predicate<ConsumerRecord<String, byte[]>> mentioning(String text) {
        return letter -> letter.value() != null && new String(letter.value(), StandardCharsets.UTF_8).contains(text);
    }

    /** A {@code message.added} as webhook-ingest publishes it for an inbound SMS; {@code messageSid} may be null. */
    private static Event<MessageData> inboundSms(String messageSid, String from) {
        MessageData data = new MessageData(messageSid, Suite.ACCOUNT_SID, null, null, "sms", from, Suite.SMS_NUMBER,
                null, "written straight to Kafka", null, null, null, List.of(), null, null, null, Instant.now(), null,
                Map.of());
        return Event.of(EventTypes.MESSAGE_ADDED, EventSources.MESSAGING, ConversationKey.of(data), data);
    }

    private static byte[] serialized(Event<MessageData> event) {
        try (EventSerializer serializer = new EventSerializer()) {
            return serializer.serialize(Topics.MESSAGE_EVENTS, event);
        }
    }

    private static void execute(String sql) throws Exception {
        try (Connection connection = suite.database(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
