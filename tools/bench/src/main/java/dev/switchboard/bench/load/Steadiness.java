package dev.switchboard.bench.load;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.concurrent.Callable;

/**
 * When a warm-up may end: once the last few windows' figures are within a tolerance of each other. A service pinned to
 * one core spends a minute or more compiling its hot paths (the JIT's threads share the core), so a fixed warm-up
 * measured a half-compiled service.
 */
public final class Steadiness {

    /** What one warm-up window saw: the figure that must settle, and the text the log shows for it. */
    public record Reading(double figure, String text) {
    }

    /** How long each warm-up window runs. */
    public static final int WINDOW_SECONDS = 5;

    private final int windows;
    private final double relative;
    private final double absolute;
    private final Deque<Double> last = new ArrayDeque<>();

    /** Steady when the last {@code windows} figures' max is at most {@code min * (1 + relative) + absolute}. */
    public Steadiness(int windows, double relative, double absolute) {
        this.windows = windows;
        this.relative = relative;
        this.absolute = absolute;
    }

    /**
     * Runs {@code window} again and again for at least {@code minSeconds}, then until the figures are steady, at most
     * {@code maxSeconds}; notes each reading with the time so far. Answers the seconds the warm-up took.
     */
    public double warmUp(int minSeconds, int maxSeconds, Callable<Reading> window) throws Exception {
        long start = System.nanoTime();
        while (true) {
            Reading reading = window.call();
            double elapsed = (System.nanoTime() - start) / 1e9;
            Result.note("warm-up %.0f s: %s", elapsed, reading.text());
            if (steadyWith(reading.figure()) && elapsed >= minSeconds || elapsed >= maxSeconds) {
                return elapsed;
            }
        }
    }

    private boolean steadyWith(double figure) {
        last.addLast(figure);
        if (last.size() > windows) {
            last.removeFirst();
        }
        return last.size() == windows && Collections.max(last) <= Collections.min(last) * (1 + relative) + absolute;
    }
}
