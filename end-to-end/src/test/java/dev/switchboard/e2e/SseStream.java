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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A client app's SSE connection: collects every event it receives, in order. */
public final class SseStream implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Received(String id, String type, JsonNode data) {
    }

    private final List<Received> events = new CopyOnWriteArrayList<>();
    private final CountDownLatch opened = new CountDownLatch(1);
    private final CompletableFuture<HttpResponse<Stream<String>>> response;

    private SseStream(HttpClient http, URI uri, String token) {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").build();
        response = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(answer -> {
            opened.countDown();
            String[] pending = new String[3];
            answer.body().forEach(line -> collect(line, pending));
        });
    }

    public static SseStream open(HttpClient http, String gatewayUrl, String token) throws InterruptedException {
        SseStream stream = new SseStream(http, URI.create(gatewayUrl + "/v1/stream"), token);
        if (!stream.opened.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the stream did not open");
        }
        return stream;
    }

    public int status() {
        return response.join().statusCode();
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
        response.cancel(true);
    }
}
