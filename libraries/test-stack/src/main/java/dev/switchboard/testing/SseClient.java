package dev.switchboard.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The tests' one SSE client, as a client app's EventSource reads a stream: over a real HTTP/1.1 connection, line by
 * line as the server writes (lines are pushed to it, no thread waits on the socket, so a test can hold a thousand
 * streams), keeping every event, comment and raw line for assertions. A test that must read slowly on purpose uses
 * realtime-gateway's raw socket reader instead.
 */
public final class SseClient implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration HEAD_TIMEOUT = Duration.ofSeconds(15);

    private final List<SseEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final SseLines reader = new SseLines();
    private final CompletableFuture<Integer> opened = new CompletableFuture<>();
    private final CompletableFuture<HttpResponse<Void>> response;
    private volatile Flow.Subscription subscription;

    private SseClient(HttpClient http, HttpRequest request) {
        response = http.sendAsync(request, answer -> {
            opened.complete(answer.statusCode());
            return HttpResponse.BodySubscribers.fromLineSubscriber(new Lines());
        });
        response.whenComplete((answer, failure) -> opened.completeExceptionally(
                failure == null ? new IllegalStateException("the stream ended before it opened") : failure));
    }

    /** Connects to {@code uri}; {@code headers} are name, value, name, value… */
    public static SseClient open(URI uri, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return new SseClient(HTTP, request.build());
    }

    /** A client app's stream ({@code /v1/stream}) with its bearer token, once the gateway answered. */
    public static SseClient open(HttpClient http, String gatewayUrl, String token) {
        SseClient stream = connect(http, gatewayUrl, token, null);
        try {
            stream.opened.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while the stream opened", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("the stream did not open", e);
        }
        return stream;
    }

    /** Starts connecting, resuming after {@code lastEventId} unless it is null, without waiting for the answer. */
    public static SseClient connect(HttpClient http, String gatewayUrl, String token, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayUrl + "/v1/stream"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return new SseClient(http, request.build());
    }

    /** The status the server answered, once it did. */
    public CompletableFuture<Integer> opened() {
        return opened;
    }

    /** Completes when the stream ends, normally or not (the server closed it, died, or never answered). */
    public CompletableFuture<?> ended() {
        return response;
    }

    public int status() {
        try {
            return opened.get(HEAD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the response head", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("no response head within " + HEAD_TIMEOUT, e);
        }
    }

    /** Waits for the response head and fails unless it is 200, with the problem body in the message. */
    public SseClient awaitOpen() {
        int status = status();
        if (status != 200) {
            awaitEnd(Duration.ofSeconds(5));
            throw new AssertionError("stream answered " + status + ": " + body());
        }
        return this;
    }

    /** The first event {@code matching}, waiting up to {@code timeout}; fails naming {@code what} and what came. */
    public SseEvent await(String what, Predicate<SseEvent> matching, Duration timeout) {
        try {
            return Waits.waitFor("the stream to carry " + what, timeout, POLL)
                    .until(() -> events.stream().filter(matching).findFirst().orElse(null), Objects::nonNull);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no " + what + " on the stream within " + timeout + "; got " + events, e);
        }
    }

    public SseEvent awaitEvent(Predicate<SseEvent> matching, Duration timeout) {
        return await("a matching event", matching, timeout);
    }

    public SseEvent awaitEventWithId(String id) {
        return await("event " + id, event -> id.equals(event.id()), HEAD_TIMEOUT);
    }

    public String awaitComment(Predicate<String> matching, Duration timeout) {
        try {
            return Waits.waitFor("the stream to carry a matching comment", timeout, POLL)
                    .until(() -> comments.stream().filter(matching).findFirst().orElse(null), Objects::nonNull);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no matching comment within " + timeout + "; got " + comments, e);
        }
    }

    /** @return whether the stream ended within {@code timeout} */
    public boolean awaitEnd(Duration timeout) {
        try {
            response.handle((answer, failure) -> null).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    public List<SseEvent> events() {
        return List.copyOf(events);
    }

    /** The ids the events set, in order; an event without an {@code id:} line (such as {@code resumed}) sets none. */
    public List<String> ids() {
        return events.stream().map(SseEvent::id).filter(Objects::nonNull).toList();
    }

    /** Every line read so far, as the server wrote them. */
    public String body() {
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
        response.cancel(true);
    }

    private final class Lines implements Flow.Subscriber<String> {

        @Override
        public void onSubscribe(Flow.Subscription lines) {
            subscription = lines;
            lines.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            lines.add(line);
            if (line.startsWith(":")) {
                comments.add(line.substring(1).trim());
                return;
            }
            SseEvent event = reader.accept(line);
            if (event != null) {
                events.add(event);
            }
        }

        @Override
        public void onError(Throwable failure) {
            // The end shows in ended(): the server closed the connection, or close() did.
        }

        @Override
        public void onComplete() {
            // As onError.
        }
    }
}
