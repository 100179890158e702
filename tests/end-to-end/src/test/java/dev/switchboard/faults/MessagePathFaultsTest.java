package dev.switchboard.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.e2e.Suite;
import dev.switchboard.faults.WebhookBurst.Answer;
import dev.switchboard.testing.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * docs/reliability.md, faults 1-3: a part of the message data path fails in the middle of a burst of signed
 * Messaging webhooks, and still every message Switchboard answered Twilio 2xx for ends up in the database exactly once.
 * One suite for the three faults (starting one takes a minute); each burst has its own MessageSids.
 */
@Tag("slow-fault")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MessagePathFaultsTest {

    /** How often a wait checks its condition. */
    private static final Duration POLL = Duration.ofMillis(250);

    private static final int BURST = 10_000;
    private static final int IN_FLIGHT = 48;
    private static final Duration BURST_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(5);
    /** webhook-ingest's switchboard.publish.ack-timeout (4 s), plus scheduling slack on a busy 2-core machine. */
    private static final Duration REFUSAL_DEADLINE = Duration.ofSeconds(6);

    private static Suite suite;

    @BeforeAll
    static void startTheSuite() {
        suite = Suite.start("faults-message-path");
        // Every burst message comes from an unknown sender, who gets a reply; sending 10,000 replies takes
        // message-sender ~15 minutes, and their status callbacks keep adding events to twilio.message-events all
        // that time, so consumer lag 0 could not be observed. Replies are not on the path under test: with
        // message-sender stopped they wait in outbound-messages.
        suite.stack().service("message-sender").stop();
    }

    @AfterAll
    static void stopTheSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    @Order(1)
    void killingThePersistenceConsumerMidBurstLosesAndDuplicatesNothing() throws Exception {
        WebhookBurst burst = burstUnderWay();

        Instant killed = Instant.now();
        suite.stack().service("conversation-manager").kill();
        suite.stack().restart("conversation-manager", Duration.ofMinutes(4));
        Duration readyAgain = Duration.between(killed, Instant.now());
        List<Answer> answers = burst.awaitEnd(BURST_TIMEOUT);

        assertEquals(BURST, WebhookBurst.acknowledged(answers).size(),
                "webhook-ingest needs no consumer to accept webhooks: " + WebhookBurst.statuses(answers));
        StoredMessages stored = awaitEveryAcknowledgedStored(answers);
        FaultFigures.of("1. persistence consumer killed (kill -9)", answers, stored,
                Duration.between(killed, Instant.now())).print();
        System.out.printf("[fault figures] 1. conversation-manager ready again %.1f s after kill -9%n",
                readyAgain.toMillis() / 1000.0);
        assertNothingLostOrDuplicated(stored);
    }

    @Test
    @Order(2)
    void withTheBrokerDownWebhooksAreRefusedInTimeAndEveryAcknowledgedOneIsStoredOnce() throws Exception {
        WebhookBurst burst = burstUnderWay();

        suite.stack().kafka().stop();
        Thread.sleep(20_000); // the outage's length: pacing, not a wait
        suite.stack().kafka().start();
        Instant back = Instant.now();
        List<Answer> answers = burst.awaitEnd(BURST_TIMEOUT);

        List<Answer> refused = answers.stream().filter(answer -> answer.status() == 503).toList();
        assertTrue(!refused.isEmpty(), "a 20 s outage refuses webhooks: " + WebhookBurst.statuses(answers));
        assertEquals(answers.size(), WebhookBurst.acknowledged(answers).size() + refused.size(),
                "every webhook is answered 2xx or 503: " + WebhookBurst.statuses(answers));
        Answer slowest = refused.stream().max(Comparator.comparing(Answer::took)).orElseThrow();
        assertTrue(slowest.took().compareTo(REFUSAL_DEADLINE) <= 0, "a 503 took " + slowest.took());
        assertTrue(slowest.body().contains("kafka-unavailable"), "a problem body says why: " + slowest.body());
        Instant firstAcceptedAgain = answers.stream().filter(Answer::acknowledged)
                .map(Answer::answered).filter(back::isBefore).min(Comparator.naturalOrder()).orElseThrow();

        StoredMessages stored = awaitEveryAcknowledgedStored(answers);
        FaultFigures.of("2. Kafka broker stopped for 20 s", answers, stored,
                Duration.between(back, Instant.now())).print();
        Waits.waitFor("conversation-manager ready after the broker outage", Duration.ofSeconds(60), POLL)
                .ignoreExceptions().until(() -> readiness() == 200);
        System.out.printf("[fault figures] 2. 503 answers: %d, median %d ms, slowest %d ms; refused yet stored"
                + " (the late-ack duplicate Twilio's retry brings) %d; first 2xx %.1f s after the broker was back%n",
                refused.size(), refused.stream().map(Answer::took).sorted().toList().get(refused.size() / 2).toMillis(),
                slowest.took().toMillis(), StoredMessages.of(suite, WebhookBurst.sids(refused, a -> true)).stored(),
                Duration.between(back, firstAcceptedAgain).toMillis() / 1000.0);
        assertNothingLostOrDuplicated(stored);
    }

    @Test
    @Order(3)
    void aDatabaseOutageCommitsNoOffsetPastUnstoredEventsAndTurnsReadinessDown() throws Exception {
        WebhookBurst burst = burstUnderWay();

        suite.stack().postgres().stop();
        Duration down = Waits.timed(Waits.waitFor("readiness DOWN", Duration.ofSeconds(60), POLL).ignoreExceptions(),
                () -> readiness() == 503);
        // Batches stored just before the outage may still have their offsets committed (every 5 s).
        Thread.sleep(7_000);
        PersistenceProgress.Offsets early = PersistenceProgress.of(suite.stack().kafkaBootstrapServers());
        // Longer than the 60 s a record may wait unacknowledged before smallrye's watchdog fails a channel.
        Thread.sleep(65_000);
        PersistenceProgress.Offsets late = PersistenceProgress.of(suite.stack().kafkaBootstrapServers());
        assertEquals(early.committed(), late.committed(), "no offset is committed while nothing can be stored");
        assertTrue(late.lag() > 0, "events wait in Kafka during the outage: " + late);

        suite.stack().postgres().start();
        Instant back = Instant.now();
        Duration up = Waits.timed(Waits.waitFor("readiness UP", Duration.ofMinutes(2), POLL).ignoreExceptions(),
                () -> readiness() == 200);
        List<Answer> answers = burst.awaitEnd(BURST_TIMEOUT);
        assertEquals(BURST, WebhookBurst.acknowledged(answers).size(),
                "webhook-ingest needs no database to accept webhooks: " + WebhookBurst.statuses(answers));

        StoredMessages stored = awaitEveryAcknowledgedStored(answers);
        FaultFigures.of("3. PostgreSQL stopped for ~75 s", answers, stored,
                Duration.between(back, Instant.now())).print();
        System.out.printf("[fault figures] 3. readiness DOWN %.1f s after the stop, UP %.1f s after the start;"
                + " committed offsets held at %d while %d events waited%n", down.toMillis() / 1000.0,
                up.toMillis() / 1000.0, late.committed(), late.lag());
        assertNothingLostOrDuplicated(stored);
    }

    /** A burst of {@link #BURST} webhooks, returned once a fifth of them were answered: when each fault strikes. */
    private static WebhookBurst burstUnderWay() throws InterruptedException {
        WebhookBurst burst = WebhookBurst.start(suite, BURST, IN_FLIGHT);
        burst.awaitAnswers(BURST / 5, BURST_TIMEOUT);
        return burst;
    }

    /** Waits until every acknowledged message is stored and the persistence consumer has committed the whole log. */
    private static StoredMessages awaitEveryAcknowledgedStored(List<Answer> answers) throws Exception {
        Set<String> acknowledged = WebhookBurst.acknowledged(answers);
        String kafka = suite.stack().kafkaBootstrapServers();
        try {
            Waits.waitFor("storage of every acknowledged message and consumer lag 0", RECOVERY_TIMEOUT, POLL)
                    .ignoreExceptions().until(() -> StoredMessages.of(suite, acknowledged).lost() == 0
                            && PersistenceProgress.of(kafka).lag() == 0);
        } finally {
            System.out.println("[fault figures] persistence offsets at the end: " + PersistenceProgress.of(kafka));
        }
        return StoredMessages.of(suite, acknowledged);
    }

    private static void assertNothingLostOrDuplicated(StoredMessages stored) throws Exception {
        assertEquals(0, stored.lost(), "acknowledged but not stored");
        assertEquals(0, stored.duplicated(), "stored more than once");
        assertEquals(0, PersistenceProgress.of(suite.stack().kafkaBootstrapServers()).lag(), "consumer lag");
    }

    private static int readiness() throws Exception {
        return suite.call("GET", suite.url("conversation-manager") + "/q/health/ready", null, null).statusCode();
    }
}
