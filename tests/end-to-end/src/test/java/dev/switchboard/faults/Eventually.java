package dev.switchboard.faults;

import java.time.Duration;
import java.time.Instant;

/**
 * Polls a condition until it holds; every wait of a fault (or other end-to-end) test is bounded, so a hang fails
 * instead of stalling CI.
 */
public final class Eventually {

    public interface Condition {
        boolean holds() throws Exception;
    }

    private Eventually() {
    }

    /** Returns how long it took; fails with {@code what} in the message after {@code timeout}. */
    public static Duration await(String what, Duration timeout, Condition condition) throws InterruptedException {
        Instant start = Instant.now();
        Instant deadline = start.plus(timeout);
        Exception lastFailure = null;
        while (true) {
            // A condition that throws (a database or broker still down) does not hold yet.
            try {
                if (condition.holds()) {
                    return Duration.between(start, Instant.now());
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception stillDown) {
                lastFailure = stillDown;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no " + what + " within " + timeout.toSeconds() + " s"
                        + (lastFailure == null ? "" : "; last check failed with " + lastFailure), lastFailure);
            }
            Thread.sleep(250);
        }
    }
}
