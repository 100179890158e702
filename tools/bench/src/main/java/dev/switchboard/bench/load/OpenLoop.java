package dev.switchboard.bench.load;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.LongConsumer;

/**
 * Fires at fixed times, whatever the answers do: a slow server does not slow the sender (no coordinated omission).
 * Each firing gets the time it was scheduled for, from which its latency is measured.
 */
public final class OpenLoop {

    private OpenLoop() {
    }

    /** Calls {@code send} {@code rate} times a second for {@code seconds}; completes once the last one was fired. */
    public static io.vertx.core.Future<Void> run(Vertx vertx, int rate, int seconds, LongConsumer send) {
        Promise<Void> done = Promise.promise();
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        long total = (long) rate * seconds;
        long[] fired = {0};
        vertx.setPeriodic(1, timer -> {
            long now = System.nanoTime();
            while (fired[0] < total && start + fired[0] * interval <= now) {
                send.accept(start + fired[0] * interval);
                fired[0]++;
            }
            if (fired[0] == total) {
                vertx.cancelTimer(timer);
                done.complete();
            }
        });
        return done.future();
    }
}
