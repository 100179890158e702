package dev.switchboard.conversations.testing;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls until an asynchronous effect (a consumed event, a stored row) is visible. */
public final class Eventually {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Eventually() {
    }

    public static <T> T await(Supplier<T> probe, Predicate<T> done, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; last seen: " + last);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            last = probe.get();
        }
        return last;
    }
}
