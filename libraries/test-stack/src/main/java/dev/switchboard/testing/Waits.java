package dev.switchboard.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Every wait of the suite's tests, on Awaitility: bounded (a hang fails instead of stalling the build), first checked at
 * once, and failing with what was awaited and what was last seen ({@code until(probe, predicate)} reports the last
 * value, {@code untilAsserted} the last assertion, an ignored exception is the failure's cause).
 */
public final class Waits {

    /** The bound for an asynchronous effect inside one service: a consumed event, a stored row. */
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private Waits() {
    }

    /** Waits up to {@link #PATIENCE}, checking every 100 ms. */
    public static ConditionFactory waitFor(String what) {
        return waitFor(what, PATIENCE, Duration.ofMillis(100));
    }

    /**
     * Checks every {@code poll} for at most {@code timeout}, on the test's own thread: the probes use clients (JDBC,
     * Kafka, HTTP) the test opened, and a probe still running at the bound is awaited, not abandoned.
     */
    public static ConditionFactory waitFor(String what, Duration timeout, Duration poll) {
        return Awaitility.await(what).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(poll).pollInSameThread();
    }

    /** Waits until {@code condition} holds and tells how long that took, for tests that report recovery times. */
    public static Duration timed(ConditionFactory wait, Callable<Boolean> condition) {
        Instant start = Instant.now();
        wait.until(condition);
        return Duration.between(start, Instant.now());
    }

    /**
     * As {@link #timed}, but returns {@code timeout} instead of failing, for tests that report their figures before they
     * assert on them.
     */
    public static Duration upTo(Duration timeout, Duration poll, Callable<Boolean> condition) {
        try {
            return timed(waitFor("a measured condition", timeout, poll), condition);
        } catch (ConditionTimeoutException late) {
            return timeout;
        }
    }
}
