package dev.switchboard.bench.run;

import dev.switchboard.bench.streams.BareSseServer;
import dev.switchboard.bench.webhooks.BareWebhookServer;
import dev.switchboard.bench.webhooks.InboundSms;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * P1–P5 of the benchmarks issue. Each starts only what it needs, alternates baseline and subject for the given
 * number of runs, and stops its bare server.
 */
final class Scenarios {

    /** Ports of the bare baselines: beside the services' 808x. */
    private static final int BARE_WEBHOOK_PORT = 8091;
    private static final int BARE_SSE_PORT = 8094;
    private static final Set<String> ALL = Set.of("conversation-manager", "webhook-ingest", "message-sender",
            "realtime-gateway");

    private final BenchStack stack;
    private final CpuSplit cpus;
    private final LoadRunner load;
    private final Sizes sizes;
    private final int runs;

    Scenarios(BenchStack stack, CpuSplit cpus, Sizes sizes, int runs) {
        this.stack = stack;
        this.cpus = cpus;
        this.load = new LoadRunner(cpus.load());
        this.sizes = sizes;
        this.runs = runs;
    }

    List<Figure> run(String scenario) throws Exception {
        System.out.println("== " + scenario);
        return switch (scenario) {
            case "P1" -> webhooks();
            case "P2" -> drain();
            case "P3" -> fanOut();
            case "P4" -> idleStreams();
            case "P5" -> wholeSuite();
            default -> throw new IllegalArgumentException("no scenario " + scenario + " (P1..P5)");
        };
    }

    private List<Figure> webhooks() throws Exception {
        stack.only(Set.of("webhook-ingest"));
        Figure throughput = new Figure("P1", "throughput", "webhooks answered, " + sizes.webhookConcurrency() + " in flight", "req/s",
                Target.ratioAtLeast(0.5));
        Figure p99 = new Figure("P1", "p99", "p99 at " + sizes.webhookRate() + " req/s (open loop)", "ms",
                Target.atMost(20, "ms"));
        Figure p50 = new Figure("P1", "p50", "p50 at " + sizes.webhookRate() + " req/s (open loop)", "ms", Target.none());
        Figure failed = new Figure("P1", "failed", "webhooks failed or unanswered (all phases)", "",
                Target.atMost(0, ""));
        Figure warmup = new Figure("P1", "warmup", "warm-up until steady (closed loop)", "s", Target.none());
        String authToken = stack.setting("TWILIO_AUTH_TOKEN");
        Process bare = stack.bare(BareWebhookServer.class, BARE_WEBHOOK_PORT, authToken);
        try {
            for (int run = 1; run <= runs; run++) {
                record(webhookLoad(BARE_WEBHOOK_PORT, "http://127.0.0.1:" + BARE_WEBHOOK_PORT, authToken), true,
                        throughput, p99, p50, failed, warmup);
                record(webhookLoad(stack.service("webhook-ingest").port(), stack.ingestPublicUrl(), authToken), false,
                        throughput, p99, p50, failed, warmup);
            }
        } finally {
            stack.stop(bare);
        }
        return List.of(throughput, p99, p50, failed, warmup);
    }

    private Map<String, Double> webhookLoad(int port, String baseUrl, String authToken) throws Exception {
        return load.run("webhooks", settings("port", port, "signedUrl", baseUrl + InboundSms.PATH,
                "authToken", authToken, "concurrency", sizes.webhookConcurrency(), "rate", sizes.webhookRate(),
                "warmupSeconds", sizes.warmupSeconds(), "warmupLimitSeconds", sizes.warmupLimitSeconds(),
                "seconds", sizes.seconds()));
    }

    private List<Figure> drain() throws Exception {
        stack.only(Set.of("conversation-manager"));
        Figure rows = new Figure("P2", "rowsPerSecond", sizes.drainEvents() + " message.added stored (pgbench: same rows, 1 connection)",
                "rows/s", Target.ratioAtLeast(1.5));
        Figure redrain = new Figure("P2", "redrainRatio", "re-drain of the same events (all duplicates), time / first drain's", "x",
                Target.atMost(0.5, "x"));
        Pgbench pgbench = new Pgbench(stack, load);
        for (int run = 1; run <= runs; run++) {
            record(Map.of("rowsPerSecond", pgbench.rowsPerSecond(sizes.drainEvents(), sizes.drainWarmup())), true,
                    rows);
            Map<String, Double> drained = load.run("drain", settings("kafka", stack.kafka(), "jdbc", stack.jdbcUrl(),
                    "events", sizes.drainEvents(), "warmupEvents", sizes.drainWarmup()));
            record(drained, false, rows, redrain);
        }
        return List.of(rows, redrain);
    }

    private List<Figure> fanOut() throws Exception {
        stack.only(Set.of("realtime-gateway"));
        Figure delivered = new Figure("P3", "eventsPerSecond", sizes.fanOutEvents() + " events to each of " + sizes.fanOutStreams()
                + " streams", "events/s", Target.ratioAtLeast(0.7));
        Figure missing = new Figure("P3", "missing", "event ids not received", "", Target.atMost(0, ""));
        Process bare = stack.bare(BareSseServer.class, BARE_SSE_PORT, stack.kafka());
        try {
            for (int run = 1; run <= runs; run++) {
                record(fanOutLoad(BARE_SSE_PORT), true, delivered, missing);
                record(fanOutLoad(stack.service("realtime-gateway").port()), false, delivered, missing);
            }
        } finally {
            stack.stop(bare);
        }
        return List.of(delivered, missing);
    }

    private Map<String, Double> fanOutLoad(int port) throws Exception {
        return load.run("fan-out", settings("port", port, "kafka", stack.kafka(), "jdbc", stack.jdbcUrl(),
                "jwtSecret", stack.setting("SWITCHBOARD_JWT_SECRET"), "streams", sizes.fanOutStreams(),
                "events", sizes.fanOutEvents(), "warmupEvents", sizes.fanOutWarmup()));
    }

    /** Each run measures a freshly started server, so that no earlier run's heap growth hides this one's. */
    private List<Figure> idleStreams() throws Exception {
        stack.only(Set.of("realtime-gateway"));
        Figure perStream = new Figure("P4", "kbPerStream", "RSS growth per idle stream, " + sizes.idleStreams() + " streams", "KB",
                Target.atMost(16, "KB"));
        Figure failed = new Figure("P4", "failed", "streams refused or closed", "", Target.atMost(0, ""));
        for (int run = 1; run <= runs; run++) {
            Process bare = stack.bare(BareSseServer.class, BARE_SSE_PORT, stack.kafka());
            try {
                record(idleLoad(BARE_SSE_PORT, bare.pid()), true, perStream, failed);
            } finally {
                stack.stop(bare);
            }
            stack.only(Set.of());
            stack.only(Set.of("realtime-gateway"));
            record(idleLoad(stack.service("realtime-gateway").port(),
                    stack.service("realtime-gateway").pid().orElseThrow()), false, perStream, failed);
        }
        return List.of(perStream, failed);
    }

    private Map<String, Double> idleLoad(int port, long pid) throws Exception {
        Map<String, Double> figures = load.run("idle-streams", settings("port", port, "pid", pid,
                "jdbc", stack.jdbcUrl(), "jwtSecret", stack.setting("SWITCHBOARD_JWT_SECRET"),
                "streams", sizes.idleStreams()));
        figures.put("failed", figures.get("failedStreams") + figures.get("closedStreams"));
        return figures;
    }

    /**
     * The "whole suite on one machine": the suite and its load generator share the CPUs of {@code cpus.suite()}
     * (all by default). Squeezed onto the one server CPU of P1–P4, the suite needs more than that CPU at 200 msg/s.
     */
    private List<Figure> wholeSuite() throws Exception {
        stack.only(ALL);
        stack.pin(cpus.suite());
        try {
            return wholeSuite(new LoadRunner(cpus.suite()));
        } finally {
            stack.pin(cpus.server());
        }
    }

    private List<Figure> wholeSuite(LoadRunner suiteLoad) throws Exception {
        Figure p50 = new Figure("P5", "p50", "webhook -> SSE p50 at " + sizes.suiteRate() + " msg/s", "ms",
                Target.atMost(10, "ms"));
        Figure p99 = new Figure("P5", "p99", "webhook -> SSE p99 at " + sizes.suiteRate() + " msg/s", "ms",
                Target.atMost(50, "ms"));
        Figure undelivered = new Figure("P5", "undelivered", "messages not delivered", "", Target.atMost(0, ""));
        Figure warmup = new Figure("P5", "warmup", "warm-up until steady (5 s windows at the rate)", "s", Target.none());
        // Ten JVMs compile their hot paths for minutes on two cores, and a run's warm-up, which ends when three windows
        // agree, took their plateaus for the end (p50 30 ms at 68 s, 4 ms two runs later): the suite is warmed up once
        // for the longest warm-up a run may take, then each run warms up its own load generator until steady.
        System.out.println("  suite warm-up " + suiteLoad.run("webhook-to-stream",
                suiteSettings(sizes.warmupLimitSeconds())));
        for (int run = 1; run <= runs; run++) {
            record(suiteLoad.run("webhook-to-stream", suiteSettings(sizes.warmupSeconds())), false, p50, p99,
                    undelivered, warmup);
        }
        return List.of(p50, p99, undelivered, warmup);
    }

    private Map<String, Object> suiteSettings(int warmupSeconds) {
        return settings("ingestPort", stack.service("webhook-ingest").port(),
                "signedUrl", stack.ingestPublicUrl() + InboundSms.PATH, "authToken", stack.setting("TWILIO_AUTH_TOKEN"),
                "gatewayPort", stack.service("realtime-gateway").port(), "jdbc", stack.jdbcUrl(),
                "jwtSecret", stack.setting("SWITCHBOARD_JWT_SECRET"), "rate", sizes.suiteRate(),
                "warmupSeconds", warmupSeconds, "warmupLimitSeconds", sizes.warmupLimitSeconds(),
                "seconds", sizes.seconds());
    }

    /** Adds a run's figures to the baseline's or the subject's values. */
    private static void record(Map<String, Double> result, boolean baseline, Figure... figures) {
        System.out.println("  " + (baseline ? "baseline" : "subject ") + " " + result);
        for (Figure figure : figures) {
            (baseline ? figure.baseline : figure.subject).add(result.get(figure.key));
        }
    }

    private static Map<String, Object> settings(Object... pairs) {
        Map<String, Object> settings = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            settings.put((String) pairs[i], pairs[i + 1]);
        }
        return settings;
    }
}
