package dev.switchboard.faults;

import dev.switchboard.testing.SseClient;
import dev.switchboard.testing.SseEvent;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A client app that keeps its stream as EventSource does: when the stream ends it reconnects after a pause, with the
 * id of the last event it received as {@code Last-Event-ID}. Holds what every connection received, in order.
 */
final class ResumingClient implements AutoCloseable {

    private final HttpClient http;
    private final String gatewayUrl;
    private final String token;
    private final List<SseClient> connections = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private ResumingClient(HttpClient http, String gatewayUrl, String token) {
        this.http = http;
        this.gatewayUrl = gatewayUrl;
        this.token = token;
    }

    static ResumingClient start(HttpClient http, String gatewayUrl, String token) {
        ResumingClient client = new ResumingClient(http, gatewayUrl, token);
        client.connect();
        return client;
    }

    private void connect() {
        if (closed) {
            return;
        }
        SseClient stream = SseClient.connect(http, gatewayUrl, token, lastEventId());
        connections.add(stream);
        // Spread over 1-2 s, as real clients' retries spread, so that a restarted gateway is not hit all at once.
        stream.ended().whenComplete((ended, failure) -> CompletableFuture.delayedExecutor(
                ThreadLocalRandom.current().nextLong(1_000, 2_000), TimeUnit.MILLISECONDS).execute(this::connect));
    }

    /** Whether the latest connection is open: answered 200 and not ended. */
    boolean isStreaming() {
        SseClient latest = connections.get(connections.size() - 1);
        return !latest.ended().isDone() && latest.opened().isDone() && !latest.opened().isCompletedExceptionally()
                && latest.opened().join() == 200;
    }

    /** Connections opened with a 200, the first included. */
    long streamsOpened() {
        return connections.stream().filter(stream -> stream.opened().isDone()
                && !stream.opened().isCompletedExceptionally() && stream.opened().join() == 200).count();
    }

    List<SseEvent> events() {
        List<SseEvent> all = new ArrayList<>();
        connections.forEach(stream -> all.addAll(stream.events()));
        return all;
    }

    private String lastEventId() {
        List<SseEvent> all = events();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).id() != null) {
                // An empty id (sent with a reset) clears the cursor, as in a browser's EventSource.
                return all.get(i).id().isEmpty() ? null : all.get(i).id();
            }
        }
        return null;
    }

    @Override
    public void close() {
        closed = true;
        connections.forEach(SseClient::close);
    }
}
