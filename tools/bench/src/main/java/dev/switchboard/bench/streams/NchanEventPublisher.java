package dev.switchboard.bench.streams;

import dev.switchboard.bench.load.Result;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.MessageData;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * POSTs each event's JSON, the same bytes the bare SSE server reads from Kafka, to Nchan's publisher location, over a
 * few kept-alive connections at once. Nchan gives every message an {@code id:} of its own, so the event id travels in
 * the {@code X-EventSource-Event} header, which Nchan writes as the frame's {@code event:} line.
 */
final class NchanEventPublisher implements EventPublisher {

    private static final int CONNECTIONS = 8;

    private final HttpClient client;
    private final String url;

    NchanEventPublisher(Vertx vertx, String url) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(CONNECTIONS));
        this.url = url;
    }

    @Override
    public void publish(List<Event<MessageData>> events) throws Exception {
        List<Future<Integer>> answers = events.stream().map(this::post).toList();
        Future.join(answers).toCompletionStage().toCompletableFuture().exceptionally(failure -> null)
                .get(60, TimeUnit.SECONDS);
        long refused = answers.stream().filter(a -> a.failed() || a.result() / 100 != 2).count();
        if (refused > 0) {
            // Their events never reach a stream: the run counts them as missing.
            Result.note("Nchan refused %d of %d events", refused, events.size());
        }
    }

    private Future<Integer> post(Event<MessageData> event) {
        return client.request(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url))
                .compose(request -> request.putHeader("Content-Type", "application/json")
                        .putHeader("X-EventSource-Event", event.id())
                        .send(Buffer.buffer(EventJson.write(event))))
                .compose(response -> response.body().map(body -> response.statusCode()));
    }

    @Override
    public void close() {
        client.close();
    }
}
