package dev.switchboard.realtime.stream;

import dev.switchboard.realtime.routing.StreamEvent;
import io.vertx.core.Context;
import java.util.LinkedHashSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hands live events from the Kafka thread to the streams of one event loop. One task runs on the loop per burst, not
 * one per stream and event: it queues everything handed over since it was scheduled, then writes each stream's new
 * events in one write. Under load, the events that arrived while the loop was busy reach each socket together (one
 * system call instead of one per event); when idle, an event is written as soon as the loop runs the task, as before.
 * Each stream belongs to one lane and the queue is first in, first out, so a stream still gets its events in order.
 */
final class DeliveryLane {

    private record Delivery(StreamConnection connection, StreamEvent event) {
    }

    private final Context loop;
    private final Queue<Delivery> handedOver = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    DeliveryLane(Context loop) {
        this.loop = loop;
    }

    /** From any thread. */
    void deliver(StreamConnection connection, StreamEvent event) {
        handedOver.add(new Delivery(connection, event));
        if (scheduled.compareAndSet(false, true)) {
            loop.runOnContext(v -> run());
        }
    }

    private void run() {
        // Cleared before reading the queue: a delivery added after the last poll schedules the next run itself.
        scheduled.set(false);
        Set<StreamConnection> written = new LinkedHashSet<>();
        for (Delivery delivery; (delivery = handedOver.poll()) != null; ) {
            if (delivery.connection().enqueue(delivery.event())) {
                written.add(delivery.connection());
            }
        }
        written.forEach(StreamConnection::flush);
    }
}
