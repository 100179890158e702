package dev.switchboard.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.e2e.Suite;
import dev.switchboard.testing.Waits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fault 6: Twilio slow, failing and rate-limiting, met by auto-replies on their real path (inbound webhook,
 * task-completion's outbox, the {@code outbound-messages} topic, message-sender, the stand-in). Replies to strangers
 * are the sends: any number that writes in gets one. Each case checks that message-sender retries only what Twilio
 * certainly refused, sends each reply to Twilio once, and lets replies to healthy numbers through meanwhile.
 */
@Tag("slow-fault")
class TwilioOutageTest {

    /** How often a wait checks its condition. */
    private static final Duration POLL = Duration.ofMillis(200);

    private static final Duration SOON = Suite.SOON;
    private static final int STUCK = 5;
    private static final int HEALTHY = 5;

    private static Suite suite;

    @BeforeAll
    static void startTheSuite() {
        suite = Suite.start("twilio-outage");
    }

    @AfterAll
    static void stopTheSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void tenSecondAnswersAreNeitherResentNorInTheWayOfOtherSends() throws Exception {
        List<String> slow = phones(STUCK);
        script(Map.of("method", "POST", "pathRegex", "/Messages\\.json$", "delayMs", 10_000, "times", STUCK));
        writeIn(slow);
        Waits.waitFor("the slow sends reaching Twilio", SOON, POLL)
                .until(() -> slow.stream().allMatch(p -> sends(p).size() == 1));

        List<String> healthy = phones(HEALTHY);
        writeIn(healthy);
        Duration healthyTook = Waits.timed(Waits.waitFor("the healthy sends accepted", SOON, POLL),
                () -> healthy.stream().allMatch(p -> accepted(p) == 1));
        long stillWaiting = slow.stream().filter(p -> sends(p).get(0).path("status").isNull()).count();

        Duration slowTook = Waits.timed(Waits.waitFor("the slow sends settled", Duration.ofSeconds(30), POLL),
                () -> rows(slow, "state IN ('sent', 'ambiguous')") == STUCK);
        Thread.sleep(3_000); // a resend would show by now
        long sent = rows(slow, "state = 'sent'");
        System.out.printf("[fault 6, slow] %d replies held 10 s by Twilio (TWILIO_TIMEOUT 10 s): %d still waiting when %d"
                        + " healthy replies were accepted after %d ms; settled %d s later: %d sent, %d ambiguous;"
                        + " Messages.json requests %d%n", STUCK, stillWaiting, HEALTHY, healthyTook.toMillis(),
                slowTook.toSeconds(), sent, STUCK - sent, requests(slow));
        assertEquals(STUCK, stillWaiting, "healthy replies went out while every slow one still waited");
        assertEquals(STUCK, requests(slow), "a slow answer is never resent: Twilio may have the message");
        assertEquals(HEALTHY, rows(healthy, "state = 'sent' AND attempts = 1"));
    }

    @Test
    void serverErrorsAreAmbiguousAndNeverResentWhileOtherSendsGoThrough() throws Exception {
        List<String> failing = phones(STUCK);
        script(Map.of("method", "POST", "pathRegex", "/Messages\\.json$", "status", 500, "times", STUCK));
        writeIn(failing);
        Waits.waitFor("the failing sends answered 500", SOON, POLL)
                .until(() -> failing.stream().allMatch(p -> sends(p).size() == 1
                && sends(p).get(0).path("status").asInt() == 500));

        List<String> healthy = phones(HEALTHY);
        writeIn(healthy);
        Duration healthyTook = Waits.timed(Waits.waitFor("the healthy sends accepted", SOON, POLL),
                () -> healthy.stream().allMatch(p -> accepted(p) == 1));
        Waits.waitFor("the failing sends settled", SOON, POLL)
                .until(() -> rows(failing, "state = 'ambiguous'") == STUCK);
        Thread.sleep(5_000); // a retry, or a redelivered command, would show by now
        System.out.printf("[fault 6, 5xx] %d replies answered 500: %d Messages.json requests, %d rows ambiguous;"
                        + " %d healthy replies accepted after %d ms%n", STUCK, requests(failing),
                rows(failing, "state = 'ambiguous'"), HEALTHY, healthyTook.toMillis());
        assertEquals(STUCK, requests(failing), "a 5xx is never resent: Twilio may have created the message");
        assertEquals(STUCK, rows(failing, "state = 'ambiguous' AND attempts = 1"));
        assertEquals(HEALTHY, rows(healthy, "state = 'sent' AND attempts = 1"));
    }

    @Test
    void rateLimitedSendsWaitRetryAfterThenGoOnceWhileOthersGoAtOnce() throws Exception {
        List<String> limited = phones(1);
        script(Map.of("method", "POST", "pathRegex", "/Messages\\.json$", "status", 429,
                "headers", Map.of("Retry-After", "3"), "times", 1));
        writeIn(limited);
        String phone = limited.get(0);
        Waits.waitFor("the limited send answered 429", SOON, POLL)
                .until(() -> sends(phone).size() == 1
                && sends(phone).get(0).path("status").asInt() == 429);
        long limitedAt = System.nanoTime();

        List<String> healthy = phones(HEALTHY);
        writeIn(healthy);
        Duration healthyTook = Waits.timed(Waits.waitFor("the healthy sends accepted", SOON, POLL),
                () -> healthy.stream().allMatch(p -> accepted(p) == 1));
        int limitedMeanwhile = sends(phone).size();
        Waits.waitFor("the limited send accepted", SOON, POLL)
                .until(() -> accepted(phone) == 1);
        Duration waited = Duration.ofNanos(System.nanoTime() - limitedAt);
        Thread.sleep(3_000);

        List<Integer> statuses = sends(phone).stream().map(send -> send.path("status").asInt()).toList();
        System.out.printf("[fault 6, 429] Retry-After 3 s: answers %s, accepted %d ms after the 429; %d healthy replies"
                + " accepted after %d ms%n", statuses, waited.toMillis(), HEALTHY, healthyTook.toMillis());
        assertEquals(1, limitedMeanwhile, "healthy replies went out while the limited one waited");
        assertEquals(List.of(429, 201), statuses, "retried once, after Twilio's wait, and accepted once");
        assertTrue(waited.compareTo(Duration.ofMillis(2_500)) >= 0, "retried after " + waited + ", Twilio asked 3 s");
        assertEquals(1, rows(limited, "state = 'sent' AND attempts = 2"));
        assertEquals(HEALTHY, rows(healthy, "state = 'sent' AND attempts = 1"));
    }

    private static List<String> phones(int count) {
        return IntStream.range(0, count).mapToObj(i -> Suite.newPhone()).toList();
    }

    private static void script(Map<String, Object> answer) throws Exception {
        suite.json("POST", suite.standIn() + "/_standin/script", null, answer, 201);
    }

    /** Strangers write in on WhatsApp: each gets one reply, sent through message-sender. */
    private static void writeIn(List<String> phones) throws Exception {
        for (String phone : phones) {
            assertEquals(200, suite.postWebhook(Suite.inboundWhatsApp(Suite.sid("SM"), phone, "hello?"), true)
                    .statusCode());
        }
    }

    private static List<JsonNode> sends(String phone) {
        try {
            return suite.standInMessagesTo("whatsapp:" + phone);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long accepted(String phone) {
        return sends(phone).stream().filter(send -> send.path("status").asInt() == 201).count();
    }

    private static long requests(List<String> phones) {
        return phones.stream().mapToLong(phone -> sends(phone).size()).sum();
    }

    /** message-sender's outbound rows to {@code phones} that match {@code condition}. */
    private static long rows(List<String> phones, String condition) throws Exception {
        String numbers = String.join(",", phones.stream().map(p -> "'whatsapp:" + p + "'").toList());
        return suite.queryLong("SELECT count(*) FROM outbound_messages WHERE to_address IN (" + numbers + ") AND "
                + condition);
    }
}
