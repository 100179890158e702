package dev.switchboard.sender.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.sender.twilio.TwilioOutcome;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Duration NOW = Duration.ZERO;

    private static SendConfig.Retry config(int maxAttempts, Duration maxDuration) {
        return new SendConfig.Retry() {
            public int maxAttempts() {
                return maxAttempts;
            }

            public Duration maxDuration() {
                return maxDuration;
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

        assertEquals(Optional.of(Duration.ofSeconds(3)), fullJitter.delayAfter(1, limited, NOW));
    }

    @Test
    void connectionsThatNeverOpenedBackOffExponentiallyUpToTheCap() {
        TwilioOutcome notSent = new TwilioOutcome.NotSent("connection refused");

        assertEquals(Duration.ofMillis(100), fullJitter.delayAfter(1, notSent, NOW).orElseThrow());
        assertEquals(Duration.ofMillis(200), fullJitter.delayAfter(2, notSent, NOW).orElseThrow());
        assertEquals(Duration.ofMillis(400), fullJitter.delayAfter(3, notSent, NOW).orElseThrow());
        assertEquals(Duration.ofMillis(1_000), fullJitter.backoff(10));
    }

    @Test
    void jitterTakesUpToHalfOfTheBackoff() {
        assertEquals(Duration.ofMillis(200), noJitter.delayAfter(3, new TwilioOutcome.NotSent("refused"), NOW).orElseThrow());
    }

    @Test
    void refusedAcceptedAndAmbiguousOutcomesAreNeverRetried() {
        assertTrue(fullJitter.delayAfter(1, new TwilioOutcome.Rejected(400, 21211, "invalid"), NOW).isEmpty());
        assertTrue(fullJitter.delayAfter(1, new TwilioOutcome.Accepted("SM1", "queued"), NOW).isEmpty());
        assertTrue(fullJitter.delayAfter(1, new TwilioOutcome.Ambiguous(500, null, "5xx"), NOW).isEmpty());
    }

    @Test
    void retriesStopAtMaxAttemptsAndAtTheTimeBudget() {
        TwilioOutcome notSent = new TwilioOutcome.NotSent("refused");
        RetryPolicy tight = new RetryPolicy(config(3, Duration.ofSeconds(2)), () -> 1.0);

        assertTrue(tight.delayAfter(3, notSent, NOW).isEmpty());
        assertTrue(tight.delayAfter(1, new TwilioOutcome.RateLimited(Optional.of(Duration.ofSeconds(5)), 20429, "x"),
                NOW).isEmpty());
        assertTrue(tight.delayAfter(1, notSent, Duration.ofMillis(1_950)).isEmpty());
    }
}
