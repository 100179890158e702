package dev.switchboard.realtime.auth;

import dev.switchboard.problem.Problem;
import dev.switchboard.problem.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many stream tickets each user was issued in the current minute. Issuing costs little, but every ticket is
 * remembered until it expires (single use), so an unbounded rate would be unbounded memory. Windows of users who
 * stopped asking are dropped when the next window starts.
 */
final class TicketRate {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private record Window(long start, int issued) {
    }

    private final Map<Long, Window> windows = new ConcurrentHashMap<>();
    private final int perMinute;
    private final Clock clock;
    private volatile long currentWindow;

    TicketRate(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** @throws ProblemException 429 with the seconds until the next window, past {@code perMinute} */
    void take(long userId) {
        long now = clock.millis();
        long start = now - now % WINDOW.toMillis();
        if (start != currentWindow) {
            currentWindow = start;
            windows.values().removeIf(window -> window.start() < start);
        }
        Window window = windows.merge(userId, new Window(start, 1),
                (old, one) -> old.start() == start ? new Window(start, old.issued() + 1) : one);
        if (window.issued() > perMinute) {
            long retryAfter = Math.max(1, (start + WINDOW.toMillis() - now) / 1000);
            throw new ProblemException(Problem.of(429, "too-many-tickets", "Too many stream tickets",
                    "At most " + perMinute + " stream tickets a minute; retry in " + retryAfter + " s."));
        }
    }
}
