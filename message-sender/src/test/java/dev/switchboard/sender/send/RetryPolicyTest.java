package dev.switchboard.sender.send;

import static dev.switchboard.sender.send.RetryBudget.CALLER;
import static dev.switchboard.sender.send.RetryBudget.COMMAND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.sender.twilio.TwilioOutcome;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Duration NOW = Duration.ZERO;
    private static final Duration COMMAND_BUDGET = Duration.ofMinutes(15);

    private static SendConfig.Retry config(int maxAttempts, Duration maxDuration) {
        return new SendConfig.Retry() {
            public int maxAttempts() {
                return maxAttempts;
            }

            public Duration maxDuration() {
                return maxDuration;
            }

            public Duration commandMaxDuration() {
                return COMMAND_BUDGET;
            }

            public Duration initialBackoff() {
                return Duration.ofMillis(100);
            }

            public Duration maxBackoff() {
                return Duration.ofMillis(1_000);
            }
        };
    }

    private final RetryPolicy fullJitter = new RetryPolicy(config(5, Duration.ofSeconds(30)), () -> 1.0);
    private final RetryPolicy noJitter = new RetryPolicy(config(5, Duration.ofSeconds(30)), () -> 0.0);

    @Test
    void rateLimitWaitsWhatRetryAfterSays() {
        TwilioOutcome limited = new TwilioOutcome.RateLimited(Optional.of(Duration.ofSeconds(3)), 20429, "slow down");

        assertEquals(Optional.of(Duration.ofSeconds(3)), fullJitter.delayAfter(CALLER, 1, limited, NOW));
        assertEquals(Optional.of(Duration.ofSeconds(3)), fullJitter.delayAfter(COMMAND, 1, limited, NOW));
    }

    @Test
    void connectionsThatNeverOpenedBackOffExponentiallyUpToTheCap() {
        TwilioOutcome notSent = new TwilioOutcome.NotSent("connection refused");

        assertEquals(Duration.ofMillis(100), fullJitter.delayAfter(CALLER, 1, notSent, NOW).orElseThrow());
        assertEquals(Duration.ofMillis(200), fullJitter.delayAfter(CALLER, 2, notSent, NOW).orElseThrow());
        assertEquals(Duration.ofMillis(400), fullJitter.delayAfter(CALLER, 3, notSent, NOW).orElseThrow());
        assertEquals(Duration.ofMillis(1_000), fullJitter.backoff(10));
    }

    @Test
    void jitterTakesUpToHalfOfTheBackoff() {
        assertEquals(Duration.ofMillis(200),
                noJitter.delayAfter(CALLER, 3, new TwilioOutcome.NotSent("refused"), NOW).orElseThrow());
    }

    @Test
    void refusedAcceptedAndAmbiguousOutcomesAreNeverRetriedWhateverTheBudget() {
        for (RetryBudget budget : RetryBudget.values()) {
            assertTrue(fullJitter.delayAfter(budget, 1, new TwilioOutcome.Rejected(400, 21211, "invalid"), NOW)
                    .isEmpty());
            assertTrue(fullJitter.delayAfter(budget, 1, new TwilioOutcome.Accepted("SM1", "queued"), NOW).isEmpty());
            assertTrue(fullJitter.delayAfter(budget, 1, new TwilioOutcome.Ambiguous(500, null, "5xx"), NOW).isEmpty());
            assertTrue(fullJitter.delayAfter(budget, 1, new TwilioOutcome.Ambiguous(null, null, "read timeout"), NOW)
                    .isEmpty());
        }
    }

    @Test
    void aCallersRetriesStopAtMaxAttemptsAndAtTheTimeBudget() {
        TwilioOutcome notSent = new TwilioOutcome.NotSent("refused");
        RetryPolicy tight = new RetryPolicy(config(3, Duration.ofSeconds(2)), () -> 1.0);

        assertTrue(tight.delayAfter(CALLER, 3, notSent, NOW).isEmpty());
        assertTrue(tight.delayAfter(CALLER, 1, new TwilioOutcome.RateLimited(Optional.of(Duration.ofSeconds(5)), 20429,
                "x"), NOW).isEmpty());
        assertTrue(tight.delayAfter(CALLER, 1, notSent, Duration.ofMillis(1_950)).isEmpty());
    }

    @Test
    void aCommandOutlastsTheCallersBudgetWithCappedWaitsAndStopsOnlyAtItsOwn() {
        TwilioOutcome limited = new TwilioOutcome.RateLimited(Optional.empty(), 20429, "Too Many Requests");
        TwilioOutcome notSent = new TwilioOutcome.NotSent("refused");
        RetryPolicy tight = new RetryPolicy(config(3, Duration.ofSeconds(2)), () -> 1.0);

        // Past the caller's 3 attempts and 2 s: 70 s of 429s are 100 attempts at the 1 s backoff cap.
        assertEquals(Optional.of(Duration.ofMillis(1_000)),
                tight.delayAfter(COMMAND, 100, limited, Duration.ofSeconds(70)));
        assertEquals(Optional.of(Duration.ofMillis(1_000)),
                tight.delayAfter(COMMAND, 100, notSent, Duration.ofSeconds(70)));
        // Retry-After is honoured beyond the backoff cap, within the command's budget.
        assertEquals(Optional.of(Duration.ofMinutes(2)), tight.delayAfter(COMMAND, 4,
                new TwilioOutcome.RateLimited(Optional.of(Duration.ofMinutes(2)), 20429, "x"), Duration.ofMinutes(1)));
        // The budget still ends it: no wait may pass 15 minutes from the first attempt.
        assertTrue(tight.delayAfter(COMMAND, 900, limited, COMMAND_BUDGET.minusMillis(999)).isEmpty());
        assertTrue(tight.delayAfter(COMMAND, 2, new TwilioOutcome.RateLimited(Optional.of(Duration.ofMinutes(16)),
                20429, "x"), NOW).isEmpty());
    }
}
