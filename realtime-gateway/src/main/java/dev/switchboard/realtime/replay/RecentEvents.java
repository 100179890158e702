package dev.switchboard.realtime.replay;

import dev.switchboard.realtime.routing.StreamEvent;
import dev.switchboard.realtime.stream.StreamConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The live events this replica received lately, in arrival order. A catch-up merges them with the durable log
 * because an event can reach the gateway before the persistence consumer has stored it, and because
 * {@code task.completed} events are kept nowhere else.
 */
@ApplicationScoped
public class RecentEvents {

    private record Received(StreamEvent event, Instant at) {
    }

    private final Deque<Received> events = new ArrayDeque<>();
    private final StreamConfig config;
    private final Clock clock = Clock.systemUTC();

    RecentEvents(StreamConfig config) {
        this.config = config;
    }

    public synchronized void add(StreamEvent event) {
        events.addLast(new Received(event, clock.instant()));
        evict();
    }

    public synchronized List<StreamEvent> snapshot() {
        evict();
        return events.stream().map(Received::event).toList();
    }

    /**
     * The events received after the given one, or empty when it is not (or no longer) here or is not {@code readable}
     * by the one asking: a cursor resolves only within what its reader may read.
     */
    public synchronized Optional<List<StreamEvent>> after(String eventId, Predicate<StreamEvent> readable) {
        evict();
        List<StreamEvent> after = new ArrayList<>();
        boolean found = false;
        for (Received received : events) {
            if (found) {
                after.add(received.event());
            }
            found = found || received.event().id().equals(eventId) && readable.test(received.event());
        }
        return found ? Optional.of(after) : Optional.empty();
    }

    private void evict() {
        Instant oldest = clock.instant().minus(config.recentWindow());
        while (!events.isEmpty() && (events.size() > config.recentMaxEvents() || events.peekFirst().at().isBefore(oldest))) {
            events.removeFirst();
        }
    }
}
