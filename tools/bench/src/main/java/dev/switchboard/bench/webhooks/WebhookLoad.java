package dev.switchboard.bench.webhooks;

import dev.switchboard.bench.load.Latencies;
import dev.switchboard.bench.load.OpenLoop;
import dev.switchboard.bench.load.Result;
import dev.switchboard.bench.load.Settings;
import dev.switchboard.bench.load.Steadiness;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * P1 against one endpoint: the most signed webhooks it answers with {@code concurrency} requests in flight (closed
 * loop, after a warm-up), then the latency at a fixed rate (open loop, from each request's scheduled time).
 */
public final class WebhookLoad {

    private static final String TO = "+15005550006";

    private final Vertx vertx;
    private final WebhookClient client;
    /** Answers other than 200 (503: Kafka did not ack in time) and requests that failed, over the whole run. */
    private final AtomicLong failed = new AtomicLong();

    private WebhookLoad(Vertx vertx, WebhookClient client) {
        this.vertx = vertx;
        this.client = client;
    }

    public static void run(Settings settings) throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        int concurrency = settings.integer("concurrency");
        WebhookLoad load = new WebhookLoad(vertx, new WebhookClient(vertx, settings.integer("port"),
                settings.text("signedUrl"), settings.text("authToken"), Math.max(concurrency, 256)));
        try {
            // The closed loop in 5 s windows until three are within 5 % of each other.
            double warmup = new Steadiness(3, 0.05, 0).warmUp(settings.integer("warmupSeconds"),
                    settings.integer("warmupLimitSeconds"), () -> {
                        double window = load.closedLoop(concurrency, Steadiness.WINDOW_SECONDS);
                        return new Steadiness.Reading(window, String.format(Locale.ROOT, "%.0f req/s", window));
                    });
            double throughput = load.closedLoop(concurrency, settings.integer("seconds"));
            int rate = settings.integer("rate");
            int seconds = settings.integer("seconds");
            Latencies latencies = new Latencies();
            OpenLoop.run(vertx, rate, seconds, scheduled -> load.send().onComplete(answer -> {
                latencies.record(System.nanoTime() - scheduled);
                load.count(answer, null);
            })).toCompletionStage().toCompletableFuture().get();
            long unanswered = awaitAnswers(latencies, (long) rate * seconds);
            new Result().put("warmup", warmup)
                    .put("throughput", throughput)
                    .put("p50", latencies.percentileMillis(50))
                    .put("p99", latencies.percentileMillis(99))
                    .put("failed", load.failed.get() + unanswered)
                    .print();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    /** Requests answered 200 per second, {@code concurrency} always in flight. */
    private double closedLoop(int concurrency, int seconds) throws Exception {
        long start = System.nanoTime();
        long deadline = start + seconds * 1_000_000_000L;
        AtomicLong ok = new AtomicLong();
        AtomicInteger running = new AtomicInteger(concurrency);
        CompletableFuture<Void> done = new CompletableFuture<>();
        for (int i = 0; i < concurrency; i++) {
            vertx.runOnContext(v -> keepSending(deadline, ok, running, done));
        }
        done.get();
        return ok.get() / ((System.nanoTime() - start) / 1e9);
    }

    private void keepSending(long deadline, AtomicLong ok, AtomicInteger running, CompletableFuture<Void> done) {
        if (System.nanoTime() >= deadline) {
            if (running.decrementAndGet() == 0) {
                done.complete(null);
            }
            return;
        }
        send().onComplete(answer -> {
            count(answer, ok);
            keepSending(deadline, ok, running, done);
        });
    }

    private void count(io.vertx.core.AsyncResult<Integer> answer, AtomicLong ok) {
        if (answer.failed() || answer.result() != 200) {
            failed.incrementAndGet();
        } else if (ok != null) {
            ok.incrementAndGet();
        }
    }

    private Future<Integer> send() {
        return client.send(client.nextSid(), WebhookClient.strangerNumber(), TO);
    }

    /** Waits up to 30 s for the last answers; answers how many never came. */
    private static long awaitAnswers(Latencies latencies, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (latencies.count() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return expected - latencies.count();
    }
}
