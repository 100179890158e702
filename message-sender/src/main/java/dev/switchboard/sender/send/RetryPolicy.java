package dev.switchboard.sender.send;

import dev.switchboard.sender.twilio.TwilioOutcome;
import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to send again. Only outcomes that prove Twilio did not take the message are retried: 429 (after its
 * Retry-After, or backoff when it gives none) and connections that never opened (backoff), for as long as the send's
 * {@link RetryBudget} allows. Acceptance, 4xx and ambiguous outcomes are final, whatever the budget, so a message
 * Twilio may already hold is never sent twice.
 */
public final class RetryPolicy {

    private final SendConfig.Retry config;
    private final DoubleSupplier random;

    public RetryPolicy(SendConfig.Retry config, DoubleSupplier random) {
        this.config = config;
        this.random = random;
    }

    /**
     * @param attempts attempts made so far, the one that gave {@code outcome} included
     * @param elapsed  time since the first attempt began
     * @return how long to wait before the next attempt; empty when {@code outcome} is final or the budget is spent
     */
    public Optional<Duration> delayAfter(RetryBudget budget, int attempts, TwilioOutcome outcome, Duration elapsed) {
        if (attempts >= budget.maxAttempts(config)) {
            return Optional.empty();
        }
        return retryDelay(attempts, outcome)
                .filter(wait -> elapsed.plus(wait).compareTo(budget.maxDuration(config)) <= 0);
    }

    private Optional<Duration> retryDelay(int attempts, TwilioOutcome outcome) {
        if (outcome instanceof TwilioOutcome.RateLimited limited) {
            return Optional.of(limited.retryAfter().orElseGet(() -> backoff(attempts)));
        }
        if (outcome instanceof TwilioOutcome.NotSent) {
            return Optional.of(backoff(attempts));
        }
        return Optional.empty();
    }

    /** Exponential from the initial backoff, capped, with "equal jitter": between half and all of it. */
    Duration backoff(int attempts) {
        long exponential = config.initialBackoff().toMillis() << Math.min(attempts - 1, 20);
        long capped = Math.min(exponential, config.maxBackoff().toMillis());
        return Duration.ofMillis(capped / 2 + Math.round(capped / 2.0 * random.getAsDouble()));
    }
}
