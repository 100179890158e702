package dev.switchboard.realtime.support;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Reads an SSE stream over a real HTTP connection (java.net.http), line by line as the server writes, and keeps
 * every event, comment and raw line for assertions.
 */
public final class SseTestClient implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Duration POLL = Duration.ofMillis(20);

    private final List<SseEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final CompletableFuture<HttpResponse<Stream<String>>> response;

    private SseTestClient(HttpRequest request) {
        this.response = HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> {
            Thread reader = new Thread(() -> read(r.body()), "sse-test-client");
            reader.setDaemon(true);
            reader.start();
        });
    }

    /** @param headers name, value, name, value… */
    public static SseTestClient open(URI uri, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return new SseTestClient(request.build());
    }

    public int status() {
        try {
            return response.get(15, TimeUnit.SECONDS).statusCode();
        } catch (Exception e) {
            throw new AssertionError("no response head within 15 s", e);
        }
    }

    /** Waits for the response head and fails unless it is 200, with the problem body in the message. */
    public SseTestClient awaitOpen() {
        int status = status();
        if (status != 200) {
            awaitEnd(Duration.ofSeconds(5));
            throw new AssertionError("stream answered " + status + ": " + body());
        }
        return this;
    }

    public SseEvent awaitEvent(Predicate<SseEvent> matching, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (SseEvent event : events) {
                if (matching.test(event)) {
                    return event;
                }
            }
            sleep();
        }
        throw new AssertionError("no matching event within " + timeout + "; got " + events);
    }

    public SseEvent awaitEventWithId(String id) {
        return awaitEvent(event -> id.equals(event.id()), Duration.ofSeconds(15));
    }

    public String awaitComment(Predicate<String> matching, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (String comment : comments) {
                if (matching.test(comment)) {
                    return comment;
                }
            }
            sleep();
        }
        throw new AssertionError("no matching comment within " + timeout + "; got " + comments);
    }

    public boolean awaitEnd(Duration timeout) {
        try {
            return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public List<SseEvent> events() {
        return List.copyOf(events);
    }

    /** The ids the events set, in order; an event without an {@code id:} line (such as {@code resumed}) sets none. */
    public List<String> ids() {
        return events.stream().map(SseEvent::id).filter(java.util.Objects::nonNull).toList();
    }

    public String body() {
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        response.thenAccept(r -> r.body().close());
        response.cancel(true);
    }

    private void read(Stream<String> body) {
        SseLines reader = new SseLines();
        try (body) {
            for (String line : (Iterable<String>) body::iterator) {
                lines.add(line);
                if (line.startsWith(":")) {
                    comments.add(line.substring(1).trim());
                } else {
                    SseEvent event = reader.accept(line);
                    if (event != null) {
                        events.add(event);
                    }
                }
            }
        } catch (UncheckedIOException e) {
            // the connection was closed, by the server or by close(): either way the stream ended
        } finally {
            ended.countDown();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
