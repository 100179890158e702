package dev.switchboard.bench.streams;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.parsetools.RecordParser;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many authenticated SSE streams from one process, each line of each stream handed to a listener with the stream's
 * index. Streams open in waves, so that the server's accept queue is not what is measured.
 */
public final class SseClients {

    /** Gets each line a stream reads (without its newline). */
    public interface Listener {
        void line(int stream, String line);
    }

    private static final int WAVE = 200;

    private final HttpClient client;
    private final AtomicInteger closed = new AtomicInteger();

    public SseClients(Vertx vertx, int streams) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setIdleTimeout(0),
                new PoolOptions().setHttp1MaxSize(streams + 1));
    }

    /** Opens one stream per token; completes once every one answered 200 (fails on the first that did not). */
    public List<String> open(int port, List<String> tokens, Listener listener) throws Exception {
        List<String> failures = new ArrayList<>();
        for (int from = 0; from < tokens.size(); from += WAVE) {
            List<Future<Void>> wave = new ArrayList<>();
            for (int i = from; i < Math.min(tokens.size(), from + WAVE); i++) {
                int stream = i;
                wave.add(openOne(port, tokens.get(i), line -> listener.line(stream, line))
                        .onFailure(failure -> failures.add(failure.getMessage())));
            }
            Future.join(wave).toCompletionStage().toCompletableFuture().exceptionally(failure -> null).get();
        }
        return failures;
    }

    /** Streams the server closed since they opened. */
    public int closed() {
        return closed.get();
    }

    private Future<Void> openOne(int port, String token, java.util.function.Consumer<String> lines) {
        return client.request(HttpMethod.GET, port, "127.0.0.1", "/v1/stream")
                .compose(request -> request.putHeader("Authorization", "Bearer " + token)
                        .putHeader("Accept", "text/event-stream")
                        .send())
                .compose(response -> {
                    if (response.statusCode() != 200) {
                        return Future.failedFuture("stream answered " + response.statusCode());
                    }
                    RecordParser parser = RecordParser.newDelimited("\n", line -> lines.accept(line.toString()));
                    response.handler(parser);
                    response.endHandler(end -> closed.incrementAndGet());
                    return Future.succeededFuture();
                });
    }
}
