package dev.switchboard.bench.suite;

import dev.switchboard.bench.load.CpuTicks;
import dev.switchboard.bench.load.Latencies;
import dev.switchboard.bench.load.OpenLoop;
import dev.switchboard.bench.load.Result;
import dev.switchboard.bench.load.Settings;
import dev.switchboard.bench.load.Steadiness;
import dev.switchboard.bench.streams.BenchUsers;
import dev.switchboard.bench.streams.Jwts;
import dev.switchboard.bench.streams.SseClients;
import dev.switchboard.bench.webhooks.WebhookClient;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * P5, the whole suite: signed SMS webhooks from strangers to a user at a fixed rate (open loop), each timed from its
 * scheduled send until that user's SSE stream reads it. Each also asks the suite to reply to the stranger through
 * message-sender and the Twilio stand-in, whose status callbacks come back in: the load a real inbound message makes.
 * A run counts the measured window's messages whose reply had not reached Twilio 30 s after the window
 * ({@code unanswered}): a suite that falls behind on replies does not keep up, however fast its streams. P6 is read
 * from the same run: the CPU every suite process spent in the measured window, per message.
 */
public final class WebhookToStream {

    private WebhookToStream() {
    }

    public static void run(Settings settings) throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        try {
            long userId = BenchUsers.ids(settings.text("jdbc"), 1).get(0);
            String phone = BenchUsers.phone(1);
            Map<String, Long> scheduled = new ConcurrentHashMap<>();
            Latencies[] current = {new Latencies()};
            SseClients stream = new SseClients(vertx, 1);
            List<String> failures = stream.open(settings.integer("gatewayPort"),
                    List.of(Jwts.user(settings.text("jwtSecret"), userId)), (index, line) -> {
                        if (line.startsWith("data:")) {
                            // The data is a ClientEvent; a task.completed carries a task, not a message.
                            JsonObject message = new JsonObject(line.substring(5)).getJsonObject("message");
                            String sid = message == null ? null : message.getString("message_sid");
                            Long sent = sid == null ? null : scheduled.remove(sid);
                            if (sent != null) {
                                current[0].record(System.nanoTime() - sent);
                            }
                        }
                    });
            if (!failures.isEmpty()) {
                throw new IllegalStateException("the stream did not open: " + failures.get(0));
            }
            WebhookClient webhooks = new WebhookClient(vertx, settings.integer("ingestPort"),
                    settings.text("signedUrl"), settings.text("authToken"), 256);
            int rate = settings.integer("rate");
            // 5 s windows at the rate until three windows' medians are within 10 % (or 1 ms) of each other. Within 20 %
            // (or 2 ms), warm-ups ended on plateaus of 50 ms that the same suite left a minute later for 4 ms: ten JVMs
            // compiling their hot paths on two cores take minutes to settle.
            double warmup = new Steadiness(3, 0.1, 1).warmUp(settings.integer("warmupSeconds"),
                    settings.integer("warmupLimitSeconds"), () -> {
                        Latencies window = new Latencies();
                        current[0] = window;
                        OpenLoop.run(vertx, rate, Steadiness.WINDOW_SECONDS, at -> send(webhooks, scheduled, at, phone))
                                .toCompletionStage().toCompletableFuture().get();
                        // A cold suite is still working off the window (and the replies it caused): wait until it has.
                        awaitEmpty(scheduled, 30);
                        scheduled.clear();
                        double p50 = window.percentileMillis(50);
                        return new Steadiness.Reading(p50, String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms", p50,
                                window.percentileMillis(99)));
                    });
            Latencies measured = new Latencies();
            current[0] = measured;
            int seconds = settings.integer("seconds");
            CpuTicks cpu = new CpuTicks(settings.text("cpu"));
            Map<String, Double> jitBefore = cpu.jitMillis();
            Map<String, Double> cpuBefore = cpu.millis();
            List<String> window = Collections.synchronizedList(new ArrayList<>());
            OpenLoop.run(vertx, rate, seconds, at -> window.add(send(webhooks, scheduled, at, phone)))
                    .toCompletionStage().toCompletableFuture().get();
            Map<String, Double> cpuAfter = cpu.millis();
            Map<String, Double> jitAfter = cpu.jitMillis();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (measured.count() < (long) rate * seconds && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Result result = new Result().put("warmup", warmup)
                    .put("p50", measured.percentileMillis(50))
                    .put("p99", measured.percentileMillis(99))
                    .put("undelivered", (long) rate * seconds - measured.count())
                    .put("unanswered", unanswered(settings.text("jdbc"), window, 30));
            perMessage(result, cpuBefore, cpuAfter, jitBefore, jitAfter, (long) rate * seconds).print();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    /**
     * P6: each process's CPU over the measured window per message sent in it ({@code cpuMs.<name>} and
     * {@code cpuMs.total}), and of it the JVMs' JIT compilers' ({@code jitMs.total}). At a steady rate the work the
     * window's messages leave for after it (replies, status callbacks) matches what the warm-up's messages left inside
     * it.
     */
    private static Result perMessage(Result result, Map<String, Double> before, Map<String, Double> after,
            Map<String, Double> jitBefore, Map<String, Double> jitAfter, long messages) {
        Map<String, Double> perMessage = CpuTicks.perUnit(before, after, messages);
        perMessage.forEach((process, millis) -> result.put("cpuMs." + process, millis));
        return result.put("cpuMs.total", perMessage.values().stream().mapToDouble(Double::doubleValue).sum())
                .put("jitMs.total", CpuTicks.perUnit(jitBefore, jitAfter, messages).values().stream()
                        .mapToDouble(Double::doubleValue).sum());
    }

    private static void awaitEmpty(Map<String, Long> pending, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /** Sends one stranger's message; returns its SID. */
    private static String send(WebhookClient webhooks, Map<String, Long> scheduled, long at, String to) {
        String sid = webhooks.nextSid();
        scheduled.put(sid, at);
        webhooks.send(sid, WebhookClient.strangerNumber(), to);
        return sid;
    }

    /**
     * How many of these messages have no reply that message-sender sent to Twilio ({@code state = 'sent'} in its
     * outbound log, keyed {@code command:} and the reply's command id {@code reply-<MessageSid>}), waiting up to
     * {@code seconds} for the last.
     */
    private static long unanswered(String jdbc, List<String> sids, int seconds) throws Exception {
        String[] commands;
        synchronized (sids) {
            commands = sids.stream().map(sid -> "command:reply-" + sid).toArray(String[]::new);
        }
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        try (Connection db = BenchUsers.connect(jdbc); PreparedStatement sent = db.prepareStatement(
                "SELECT count(*) FROM outbound_messages WHERE idempotency_key = ANY(?) AND state = 'sent'")) {
            sent.setArray(1, db.createArrayOf("text", commands));
            while (true) {
                long missing;
                try (ResultSet rows = sent.executeQuery()) {
                    rows.next();
                    missing = commands.length - rows.getLong(1);
                }
                if (missing == 0 || System.nanoTime() > deadline) {
                    return missing;
                }
                Thread.sleep(1_000);
            }
        }
    }
}
