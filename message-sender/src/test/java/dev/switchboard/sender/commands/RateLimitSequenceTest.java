package dev.switchboard.sender.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.sender.testing.OutboundRows;
import dev.switchboard.sender.testing.SendCommands;
import dev.switchboard.testing.StandIn;
import dev.switchboard.sender.testing.TwilioRateLimit;
import dev.switchboard.testing.HealthWatch;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Twilio answers 429 to every send for 70 s, longer than the retry budget of a caller waiting on {@code POST
 * /messages}, while send commands arrive. Twilio provably took none of them, so none may be given up: they wait in
 * flight (as many as the commands' worker pool runs, the rest in the topic), the service stays ready, and once Twilio
 * accepts again each command is sent once, by itself. The service runs its production retry settings: the test
 * profile overrides none (a shorter backoff or budget there would test another service than the one deployed).
 */
@QuarkusTest
class RateLimitSequenceTest {

    private static final int COMMANDS = 50;
    private static final Duration RATE_LIMITED_FOR = Duration.ofSeconds(70);
    private static final List<String> FINAL = List.of("sent", "failed", "ambiguous");
    private static final List<String> IN_FLIGHT = List.of("requested", "sending");

    @TestHTTPResource("/")
    URI service;

    @ConfigProperty(name = "smallrye.messaging.worker.send-commands.max-concurrency")
    int maxInFlight;

    @ConfigProperty(name = "switchboard.sender.retry.max-duration")
    Duration callerBudget;

    @Test
    void sendCommandsMeetingSeventySecondsOf429sAreSentOnceEachAfterwardsByThemselves() throws Exception {
        assertTrue(RATE_LIMITED_FOR.compareTo(callerBudget) > 0,
                "the sequence must outlast a waiting caller's retry budget (" + callerBudget + ")");
        SendCommands commands = new SendCommands(COMMANDS);

        try (HealthWatch health = HealthWatch.start(service)) {
            try (TwilioRateLimit rateLimit = TwilioRateLimit.start()) {
                Instant over = Instant.now().plus(RATE_LIMITED_FOR);
                commands.produce();
                while (Instant.now().isBefore(over)) {
                    assertWaitingInFlight(commands, health);
                    Thread.sleep(1_000); // pacing of the checks for the whole sequence, not a wait
                }
                assertEquals(Math.min(maxInFlight, COMMANDS), inFlight(commands),
                        "commands in flight as the sequence ends");
                Map<String, Long> answers = StandIn.answersToBodies(commands.bodyPrefix());
                assertTrue(answers.getOrDefault("429", 0L) > 0, "the commands met no 429: " + answers);
                assertEquals(0L, answers.getOrDefault("201", 0L), "sends accepted during the sequence: " + answers);
            }
            // Closing the rate limit cleared the stand-in's log: from here on it holds only what Twilio accepted.
            commands.awaitSettled(health, Duration.ofSeconds(60));
            assertEquals(List.of(), health.failures(), "probes not answered 200");
        }

        assertEquals(COMMANDS, OutboundRows.countByKeyPrefix(commands.keyPrefix(), List.of("sent")), "rows sent");
        // Each row is sent, so Twilio accepted each command at least once (nothing was accepted during the sequence);
        // none may have been accepted twice after it.
        Map<String, Long> acceptedTwice = StandIn.sendsPerBody(commands.bodyPrefix()).entrySet().stream()
                .filter(command -> command.getValue() != 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertEquals(Map.of(), acceptedTwice, "commands sent more than once");
    }

    /** No command settled (neither given up nor sent), at most the worker pool's worth in flight, probes all 200. */
    private void assertWaitingInFlight(SendCommands commands, HealthWatch health) {
        assertEquals(List.of(), health.failures(), "probes not answered 200 during the sequence");
        assertEquals(0, OutboundRows.countByKeyPrefix(commands.keyPrefix(), FINAL),
                "commands settled while Twilio took none (given up?)");
        long inFlight = inFlight(commands);
        assertTrue(inFlight <= maxInFlight, inFlight + " commands in flight, more than the " + maxInFlight + " allowed");
    }

    private static long inFlight(SendCommands commands) {
        return OutboundRows.countByKeyPrefix(commands.keyPrefix(), IN_FLIGHT);
    }
}
