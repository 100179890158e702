package dev.switchboard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A client app's SSE connection: collects every event it receives, in order. Lines are pushed to it as they arrive
 * (no thread waits on the socket), so a test can hold a thousand streams.
 */
public final class SseStream implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** @param data the event's data: a ClientEvent ({@code id, type, occurred_at, message|task}), or a reset's problem */
    public record Received(String id, String type, JsonNode data) {

        /** The ClientMessage of a {@code message.*} event (a missing node otherwise). */
        public JsonNode message() {
            return data.path("message");
        }

        /** The ClientTask of a {@code task.completed} (a missing node otherwise). */
        public JsonNode task() {
            return data.path("task");
        }
    }

    private final List<Received> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> opened = new CompletableFuture<>();
    private final CompletableFuture<HttpResponse<Void>> response;
    private volatile Flow.Subscription subscription;

    private SseStream(HttpClient http, URI uri, String token, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        response = http.sendAsync(request.build(), answer -> {
            opened.complete(answer.statusCode());
            return HttpResponse.BodySubscribers.fromLineSubscriber(new Lines());
        });
        response.whenComplete((answer, failure) -> opened.completeExceptionally(
                failure == null ? new IllegalStateException("the stream ended before it opened") : failure));
    }

    public static SseStream open(HttpClient http, String gatewayUrl, String token) throws InterruptedException {
        SseStream stream = connect(http, gatewayUrl, token, null);
        try {
            stream.opened.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("the stream did not open", e);
        }
        return stream;
    }

    /** Starts connecting, resuming after {@code lastEventId} unless it is null, without waiting for the answer. */
    public static SseStream connect(HttpClient http, String gatewayUrl, String token, String lastEventId) {
        return new SseStream(http, URI.create(gatewayUrl + "/v1/stream"), token, lastEventId);
    }

    /** The status the gateway answered, once it did. */
    public CompletableFuture<Integer> opened() {
        return opened;
    }

    /** Completes when the stream ends, normally or not (the gateway closed it, died, or never answered). */
    public CompletableFuture<?> ended() {
        return response;
    }

    public int status() {
        return opened.join();
    }

    private final class Lines implements Flow.Subscriber<String> {

        private final String[] pending = new String[3];

        @Override
        public void onSubscribe(Flow.Subscription lines) {
            subscription = lines;
            lines.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            collect(line, pending);
        }

        @Override
        public void onError(Throwable failure) {
            // The end shows in ended(); a resuming client reconnects from the last event collected.
        }

        @Override
        public void onComplete() {
            // As onError.
        }
    }

    private void collect(String line, String[] pending) {
        if (line.startsWith("id:")) {
            pending[0] = line.substring(3).trim();
        } else if (line.startsWith("event:")) {
            pending[1] = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
            pending[2] = line.substring(5).trim();
        } else if (line.isEmpty() && pending[2] != null) {
            try {
                events.add(new Received(pending[0], pending[1], JSON.readTree(pending[2])));
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
            pending[0] = pending[1] = pending[2] = null;
        }
    }

    public List<Received> events() {
        return List.copyOf(events);
    }

    public Received await(String what, Predicate<Received> matching, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Received event : events) {
                if (matching.test(event)) {
                    return event;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + what + " on the stream within " + timeout + "; got " + events);
    }

    @Override
    public void close() {
        Flow.Subscription lines = subscription;
        if (lines != null) {
            lines.cancel();
        }
        response.cancel(true);
    }
}
