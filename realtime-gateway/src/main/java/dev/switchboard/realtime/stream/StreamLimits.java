package dev.switchboard.realtime.stream;

import dev.switchboard.problem.Problem;
import dev.switchboard.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps on open streams, per user and per replica, so that one client (or a leaked token) cannot hold the memory and
 * file descriptors every other user needs. A stream takes a place when its connection is made and gives it back
 * when it ends, however it ends.
 */
@ApplicationScoped
public class StreamLimits {

    private final Map<Long, AtomicInteger> perUser = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final StreamConfig config;

    StreamLimits(StreamConfig config) {
        this.config = config;
    }

    /** @throws ProblemException 429 when the user, or this replica, has as many streams open as allowed */
    void take(long userId) {
        if (total.incrementAndGet() > config.maxOpen()) {
            total.decrementAndGet();
            throw tooMany("replica-full", "This replica holds as many streams as it may (" + config.maxOpen()
                    + "); retry shortly, another replica may take it.");
        }
        int[] mine = {0};
        perUser.compute(userId, (id, count) -> {
            AtomicInteger next = count == null ? new AtomicInteger() : count;
            mine[0] = next.incrementAndGet();
            return next;
        });
        if (mine[0] > config.maxPerUser()) {
            giveBack(userId);
            throw tooMany("too-many-streams", "You have " + config.maxPerUser() + " streams open already; close one"
                    + " (a tab, a device) first.");
        }
    }

    void giveBack(long userId) {
        total.decrementAndGet();
        perUser.computeIfPresent(userId, (id, count) -> count.decrementAndGet() == 0 ? null : count);
    }

    private static ProblemException tooMany(String reason, String detail) {
        return new ProblemException(Problem.of(429, reason, "Too many streams", detail));
    }
}
