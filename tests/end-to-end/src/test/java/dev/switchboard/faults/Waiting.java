package dev.switchboard.faults;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polling for a condition of the suite, which fault tests reach only after recovery times they measure. */
final class Waiting {

    private Waiting() {
    }

    /** Polls {@code condition} every 200 ms; returns how long it took, or fails naming {@code what}. */
    static Duration until(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
        Duration took = upTo(timeout, condition);
        if (took.compareTo(timeout) >= 0) {
            throw new AssertionError(what + " did not happen within " + timeout);
        }
        return took;
    }

    /**
     * Polls {@code condition} every 200 ms for at most {@code timeout}; returns how long it took, or the timeout, for
     * tests that report their figures before they assert.
     */
    static Duration upTo(Duration timeout, Callable<Boolean> condition) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                return timeout;
            }
            Thread.sleep(200);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
