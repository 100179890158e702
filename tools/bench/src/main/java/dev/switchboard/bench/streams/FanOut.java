package dev.switchboard.bench.streams;

import dev.switchboard.bench.load.Result;
import dev.switchboard.bench.load.Settings;
import dev.switchboard.events.ConversationKey;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventSources;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.MessageData;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * P3: {@code streams} authenticated SSE streams of users who all take part in one Conversation, then
 * {@code events} Conversations messages of it published at once ({@link EventPublisher}: on Kafka, or to Nchan);
 * delivered events per second from the first send until every stream has read every event id (a warm-up round first).
 * Missing ids are counted, not waited for forever. The event id is read from the frame's {@code idField} line: {@code
 * id} for the gateway and the bare server, {@code event} for Nchan, which numbers the {@code id:} lines itself.
 */
public final class FanOut {

    private final int streams;
    private final String idPrefix;
    /** Per round: event id -> its index, and per stream which indexes arrived. */
    private volatile Map<String, Integer> expected = Map.of();
    private BitSet[] received;
    private final AtomicInteger complete = new AtomicInteger();
    private volatile long lastDelivery;

    private FanOut(int streams, String idField) {
        this.streams = streams;
        this.idPrefix = idField + ":";
    }

    public static void run(Settings settings) throws Exception {
        int streams = settings.integer("streams");
        FanOut fanOut = new FanOut(streams, settings.text("idField"));
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        try (EventPublisher publisher = EventPublisher.from(settings, vertx)) {
            List<String> tokens = BenchUsers.ids(settings.text("jdbc"), streams).stream()
                    .map(id -> Jwts.user(settings.text("jwtSecret"), id)).toList();
            SseClients clients = new SseClients(vertx, streams);
            List<String> failures = clients.open(settings.integer("port"), tokens, fanOut::line);
            if (!failures.isEmpty()) {
                throw new IllegalStateException(failures.size() + " streams did not open: " + failures.get(0));
            }
            fanOut.round(publisher, settings.integer("warmupEvents"));
            long start = System.nanoTime();
            int missing = fanOut.round(publisher, settings.integer("events"));
            long delivered = (long) streams * settings.integer("events") - missing;
            new Result().put("eventsPerSecond", delivered / ((fanOut.lastDelivery - start) / 1e9))
                    .put("missing", missing)
                    .put("closedStreams", clients.closed())
                    .print();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    /** Sends {@code events} events and waits until each stream has them all; answers how many deliveries are missing. */
    private int round(EventPublisher publisher, int events) throws Exception {
        List<Event<MessageData>> messages = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < events; i++) {
            Event<MessageData> event = message(i);
            ids.put(event.id(), i);
            messages.add(event);
        }
        received = new BitSet[streams];
        for (int i = 0; i < streams; i++) {
            received[i] = new BitSet(events);
        }
        complete.set(0);
        expected = ids;
        publisher.publish(messages);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (complete.get() < streams && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        int missing = 0;
        for (BitSet stream : received) {
            missing += events - stream.cardinality();
        }
        return missing;
    }

    /** Runs on the client's single event loop. */
    private void line(int stream, String line) {
        if (!line.startsWith(idPrefix)) {
            return;
        }
        Integer index = expected.get(line.substring(idPrefix.length()).trim());
        BitSet got = received[stream];
        if (index != null && !got.get(index)) {
            got.set(index);
            if (got.cardinality() == expected.size()) {
                lastDelivery = System.nanoTime();
                complete.incrementAndGet();
            }
        }
    }

    private static Event<MessageData> message(int index) {
        String sid = "IM" + UUID.randomUUID().toString().replace("-", "");
        Instant now = Instant.now();
        MessageData data = new MessageData(sid, "AC00000000000000000000000000000000", BenchUsers.CONVERSATION_SID, null,
                "chat", null, null, "bench-author", "fan-out message " + index, index, null, null, List.of(), null,
                null, null, now, now, Map.of());
        return Event.of(EventTypes.MESSAGE_ADDED, EventSources.CONVERSATIONS, ConversationKey.of(data), data);
    }
}
