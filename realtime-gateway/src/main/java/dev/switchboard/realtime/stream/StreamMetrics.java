package dev.switchboard.realtime.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Prometheus view of the streams: how many are open, what they deliver, how late, and who was cut off. */
@ApplicationScoped
public class StreamMetrics {

    private final AtomicInteger open;
    private final MeterRegistry registry;
    private final Counter slowClients;
    private final Counter readFromLog;
    private final Timer lag;
    private final Map<String, Counter> delivered = new ConcurrentHashMap<>();

    StreamMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.open = registry.gauge("realtime.streams.open", new AtomicInteger());
        this.slowClients = Counter.builder("realtime.streams.slow.client.disconnects")
                .description("Streams cut off because the client read too slowly").register(registry);
        this.readFromLog = Counter.builder("realtime.catchup.log.events")
                .description("Events read from message_events by catch-ups").register(registry);
        this.lag = Timer.builder("realtime.delivery.lag")
                .description("From the event's time to its write on a live stream").register(registry);
    }

    public void opened() {
        open.incrementAndGet();
    }

    public void closed() {
        open.decrementAndGet();
    }

    /** Per event written to a stream: found by type in a map of this bean's, not looked up in the registry each time. */
    public void delivered(String eventType, Instant occurredAt, Instant writtenAt, boolean live) {
        delivered.computeIfAbsent(eventType,
                type -> registry.counter("realtime.events.delivered", "type", type)).increment();
        if (live && occurredAt != null) {
            lag.record(Duration.between(occurredAt, writtenAt));
        }
    }

    /**
     * Events a catch-up read from the durable log. Compared with {@code realtime.events.delivered}, it shows how far
     * the catch-ups' reads run ahead of their writes: one page at most.
     */
    public void readFromLog(int events) {
        readFromLog.increment(events);
    }

    public void slowClient() {
        slowClients.increment();
    }

    /** @param outcome {@code replayed} or {@code reset} */
    public void resumed(String outcome) {
        registry.counter("realtime.streams.resumes", "outcome", outcome).increment();
    }
}
