package dev.switchboard.bench.load;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;

/**
 * When a warm-up may end: once the last few windows' figures are within a tolerance of each other. A service pinned to
 * one core spends a minute or more compiling its hot paths (the JIT's threads share the core), so a fixed warm-up
 * measured a half-compiled service.
 */
public final class Steadiness {

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

    /** Adds a window's figure; answers whether the figures are now steady. */
    public boolean add(double figure) {
        last.addLast(figure);
        if (last.size() > windows) {
            last.removeFirst();
        }
        return last.size() == windows && Collections.max(last) <= Collections.min(last) * (1 + relative) + absolute;
    }
}
