package dev.switchboard.bench.run;

import dev.switchboard.bench.streams.BareSseServer;
import dev.switchboard.bench.webhooks.BareWebhookServer;
import dev.switchboard.bench.webhooks.InboundSms;
import dev.switchboard.bench.webhooks.KafkaWebhookServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * P1–P7 of the benchmarks issue (P6 is read from P5's runs). Each starts only what it needs, alternates its baselines and the subject for the
 * given number of runs, and stops its baseline servers.
 */
final class Scenarios {

    /** Ports of the bare baselines: beside the services' 808x. */
    private static final int BARE_WEBHOOK_PORT = 8091;
    private static final int KAFKA_WEBHOOK_PORT = 8092;
    private static final int BARE_SSE_PORT = 8094;
    /** The baselines' columns in the table. */
    private static final String KAFKA = "Kafka baseline";
    private static final String NO_KAFKA = "no-Kafka baseline";
    private static final String PGBENCH = "pgbench";
    private static final String BARE = "bare";
    private static final String NCHAN = "Nchan";
    /** P7: how late the stand-in answers each send, so that a send holds its connection and thread as on Twilio. */
    private static final int OUTBOUND_DELAY_MS = 100;
    private static final Set<String> ALL = Set.of("conversation-manager", "webhook-ingest", "message-sender",
            "realtime-gateway");

    private final BenchStack stack;
    private final NchanServer nchan;
    private final CpuSplit cpus;
    private final LoadRunner load;
    private final Sizes sizes;
    private final int runs;

    Scenarios(BenchStack stack, CpuSplit cpus, Sizes sizes, int runs) {
        this.stack = stack;
        this.nchan = new NchanServer(stack);
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
            case "P6" -> throw new IllegalArgumentException("P6 is measured in P5's runs: run P5");
            case "P7" -> outboundDrain();
            default -> throw new IllegalArgumentException("no scenario " + scenario + " (P1..P5, P7)");
        };
    }

    private List<Figure> webhooks() throws Exception {
        stack.only(Set.of("webhook-ingest"));
        List<String> baselines = List.of(KAFKA, NO_KAFKA);
        Figure throughput = new Figure("P1", "throughput", "webhooks answered, " + sizes.webhookConcurrency()
                + " in flight", "req/s", baselines, Target.ratioAtLeast(0.7, KAFKA));
        Figure p99 = new Figure("P1", "p99", "p99 at " + sizes.webhookRate() + " req/s (open loop)", "ms", baselines,
                Target.atMost(20, "ms"));
        Figure p50 = new Figure("P1", "p50", "p50 at " + sizes.webhookRate() + " req/s (open loop)", "ms", baselines);
        Figure failed = new Figure("P1", "failed", "webhooks failed or unanswered (all phases)", "", baselines,
                Target.atMost(0, ""));
        Figure warmup = new Figure("P1", "warmup", "warm-up until steady (closed loop)", "s", baselines);
        Figure[] figures = {throughput, p99, p50, failed, warmup};
        String authToken = stack.setting("TWILIO_AUTH_TOKEN");
        Process withKafka = stack.bare(KafkaWebhookServer.class, KAFKA_WEBHOOK_PORT, authToken, stack.kafka());
        Process bare = null;
        try {
            bare = stack.bare(BareWebhookServer.class, BARE_WEBHOOK_PORT, authToken);
            for (int run = 1; run <= runs; run++) {
                record(webhookLoad(KAFKA_WEBHOOK_PORT, "http://127.0.0.1:" + KAFKA_WEBHOOK_PORT, authToken), KAFKA,
                        figures);
                record(webhookLoad(BARE_WEBHOOK_PORT, "http://127.0.0.1:" + BARE_WEBHOOK_PORT, authToken), NO_KAFKA,
                        figures);
                record(webhookLoad(stack.service("webhook-ingest").port(), stack.ingestPublicUrl(), authToken),
                        Figure.SUBJECT, figures);
            }
        } finally {
            stack.stop(withKafka);
            if (bare != null) {
                stack.stop(bare);
            }
        }
        return List.of(figures);
    }

    private Map<String, Double> webhookLoad(int port, String baseUrl, String authToken) throws Exception {
        return load.run("webhooks", settings("port", port, "signedUrl", baseUrl + InboundSms.PATH,
                "authToken", authToken, "concurrency", sizes.webhookConcurrency(), "rate", sizes.webhookRate(),
                "warmupSeconds", sizes.warmupSeconds(), "warmupLimitSeconds", sizes.warmupLimitSeconds(),
                "seconds", sizes.seconds()));
    }

    private List<Figure> drain() throws Exception {
        stack.only(Set.of("conversation-manager"));
        List<String> baselines = List.of(PGBENCH);
        Figure rows = new Figure("P2", "rowsPerSecond", sizes.drainEvents()
                + " message.added stored (pgbench: same rows, 1 connection)", "rows/s", baselines,
                Target.ratioAtLeast(1.5, PGBENCH));
        Figure redrain = new Figure("P2", "redrainRatio", "re-drain of the same events (all duplicates), time / first"
                + " drain's", "x", baselines, Target.atMost(0.35, "x"));
        Figure warmup = new Figure("P2", "warmupEvents", "warm-up until steady and compiled (batches of "
                + sizes.drainWarmup() + ")", "events", baselines);
        Pgbench pgbench = new Pgbench(stack, load);
        String processes = stack.processes(Set.of("conversation-manager"));
        List<Figure> cpu = cpuFigures(new Figure("P2", "cpuMs.suite", "CPU per event stored of conversation-manager,"
                + " Kafka and PostgreSQL (first drain)", "ms", baselines), processes);
        cpu.addAll(cpuFigures(new Figure("P2", "redrainCpuMs.suite", "CPU per duplicate (re-drain)", "ms", baselines),
                processes));
        Figure[] figures = Stream.concat(Stream.of(rows, redrain, warmup), cpu.stream()).toArray(Figure[]::new);
        for (int run = 1; run <= runs; run++) {
            record(Map.of("rowsPerSecond", pgbench.rowsPerSecond(sizes.drainEvents(), sizes.drainWarmup())), PGBENCH,
                    rows);
            Map<String, Double> drained = load.run("drain", settings("kafka", stack.kafka(), "jdbc", stack.jdbcUrl(),
                    "events", sizes.drainEvents(), "warmupEvents", sizes.drainWarmup(),
                    "warmupLimitSeconds", sizes.compiledWarmupLimitSeconds(), "cpu", processes));
            record(drained, Figure.SUBJECT, figures);
        }
        return List.of(figures);
    }

    /** Bare server, Nchan (when installed), gateway in each run; Nchan's events go to its publisher, not Kafka. */
    private List<Figure> fanOut() throws Exception {
        stack.only(Set.of("realtime-gateway"));
        List<String> baselines = List.of(BARE, NCHAN);
        Figure delivered = new Figure("P3", "eventsPerSecond", sizes.fanOutEvents() + " events to each of "
                + sizes.fanOutStreams() + " streams", "events/s", baselines, Target.ratioAtLeast(1.0, NCHAN),
                Target.ratioAtLeast(0.7, BARE));
        Figure missing = new Figure("P3", "missing", "event ids not received", "", baselines, Target.atMost(0, ""));
        String nchanMissing = nchanMissing(delivered, missing);
        Process bare = stack.bare(BareSseServer.class, BARE_SSE_PORT, stack.kafka());
        NchanServer.Running nchan = null;
        try {
            if (nchanMissing == null) {
                nchan = this.nchan.start(sizes.fanOutWarmup() + sizes.fanOutEvents(), sizes.fanOutStreams());
            }
            for (int run = 1; run <= runs; run++) {
                record(fanOutLoad(BARE_SSE_PORT, "publish", "kafka", "idField", "id"), BARE, delivered, missing);
                if (nchan != null) {
                    record(fanOutLoad(nchan.subscriberPort(), "publish", "nchan", "publishUrl", nchan.publishUrl(),
                            "idField", "event"), NCHAN, delivered, missing);
                }
                record(fanOutLoad(stack.service("realtime-gateway").port(), "publish", "kafka", "idField", "id"),
                        Figure.SUBJECT, delivered, missing);
            }
        } finally {
            stack.stop(bare);
            if (nchan != null) {
                stack.stop(nchan.master());
            }
        }
        return List.of(delivered, missing);
    }

    private Map<String, Double> fanOutLoad(int port, Object... publishing) throws Exception {
        Map<String, Object> settings = settings("port", port, "kafka", stack.kafka(), "jdbc", stack.jdbcUrl(),
                "jwtSecret", stack.setting("SWITCHBOARD_JWT_SECRET"), "streams", sizes.fanOutStreams(),
                "events", sizes.fanOutEvents(), "warmupEvents", sizes.fanOutWarmup());
        settings.putAll(settings(publishing));
        return load.run("fan-out", settings);
    }

    /**
     * Each run measures freshly started servers, so that no earlier run's heap growth hides this one's. nginx is no
     * JVM: its worker's RSS is read without a GC first.
     */
    private List<Figure> idleStreams() throws Exception {
        stack.only(Set.of("realtime-gateway"));
        List<String> baselines = List.of(BARE, NCHAN);
        Figure perStream = new Figure("P4", "kbPerStream", "RSS growth per idle stream, " + sizes.idleStreams()
                + " streams", "KB", baselines, Target.atMost(10, "KB"));
        Figure secondHalf = new Figure("P4", "kbPerStreamSecondHalf", "of it, RSS growth per idle stream from "
                + sizes.idleStreams() / 2 + " to " + sizes.idleStreams() + " streams", "KB", baselines);
        Figure failed = new Figure("P4", "failed", "streams refused or closed", "", baselines, Target.atMost(0, ""));
        // What RSS per stream is made of in a JVM: its live heap (nginx has none), the classes in p4-heap-<pid>.txt.
        Figure liveHeap = new Figure("P4", "liveHeapKbPerStream", "live heap growth per idle stream (after a full GC)",
                "KB", baselines);
        liveHeap.absent(NCHAN, "no heap");
        String nchanMissing = nchanMissing(perStream, secondHalf, failed);
        for (int run = 1; run <= runs; run++) {
            Process bare = stack.bare(BareSseServer.class, BARE_SSE_PORT, stack.kafka());
            try {
                record(idleLoad(BARE_SSE_PORT, bare.pid(), true), BARE, perStream, secondHalf, failed, liveHeap);
            } finally {
                stack.stop(bare);
            }
            if (nchanMissing == null) {
                NchanServer.Running nchan = this.nchan.start(0, sizes.idleStreams());
                try {
                    record(idleLoad(nchan.subscriberPort(), nchan.workerPid(), false), NCHAN, perStream, secondHalf,
                            failed);
                } finally {
                    stack.stop(nchan.master());
                }
            }
            stack.only(Set.of());
            stack.only(Set.of("realtime-gateway"));
            record(idleLoad(stack.service("realtime-gateway").port(),
                    stack.service("realtime-gateway").pid().orElseThrow(), true), Figure.SUBJECT, perStream, secondHalf,
                    failed, liveHeap);
        }
        return List.of(perStream, secondHalf, failed, liveHeap);
    }

    private Map<String, Double> idleLoad(int port, long pid, boolean jvm) throws Exception {
        Map<String, Double> figures = load.run("idle-streams", settings("port", port, "pid", pid, "jvm", jvm,
                "jdbc", stack.jdbcUrl(), "jwtSecret", stack.setting("SWITCHBOARD_JWT_SECRET"),
                "streams", sizes.idleStreams()));
        figures.put("failed", figures.get("failedStreams") + figures.get("closedStreams"));
        return figures;
    }

    /** Null when Nchan can run here; otherwise says so and marks its column of these figures. */
    private String nchanMissing(Figure... figures) {
        String missing = nchan.missing();
        if (missing != null) {
            System.out.println("  Nchan: " + NchanServer.NOT_INSTALLED + " (" + missing + "); measured without it");
            for (Figure figure : figures) {
                figure.absent(NCHAN, NchanServer.NOT_INSTALLED);
            }
        }
        return missing;
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
        Figure p50 = new Figure("P5", "p50", "webhook -> SSE p50 at " + sizes.suiteRate() + " msg/s", "ms", List.of(),
                Target.atMost(10, "ms"));
        Figure p99 = new Figure("P5", "p99", "webhook -> SSE p99 at " + sizes.suiteRate() + " msg/s", "ms", List.of(),
                Target.atMost(50, "ms"));
        Figure undelivered = new Figure("P5", "undelivered", "messages not delivered", "", List.of(),
                Target.atMost(0, ""));
        Figure unanswered = new Figure("P5", "unanswered", "messages whose reply was not sent 30 s after the window", "",
                List.of(), Target.atMost(0, ""));
        Figure warmup = new Figure("P5", "warmup", "warm-up until steady (5 s windows at the rate)", "s", List.of());
        String processes = stack.processes(ALL);
        List<Figure> cpu = cpuFigures(new Figure("P6", "cpuMs.total", "CPU per inbound message, all suite processes,"
                + " at " + sizes.suiteRate() + " msg/s", "ms", List.of(), Target.atMost(3, "ms")), processes);
        cpu.add(1, new Figure("P6", "jitMs.total", "of which the JIT compilers of its JVMs", "ms", List.of()));
        Figure[] figures = Stream.concat(Stream.of(p50, p99, undelivered, unanswered, warmup), cpu.stream())
                .toArray(Figure[]::new);
        // Ten JVMs compile their hot paths for minutes on two cores, and a run's warm-up, which ends when three windows
        // agree, took their plateaus for the end (p50 30 ms at 68 s, 4 ms two runs later): the suite is warmed up once
        // for the longest warm-up a run may take, then each run warms up its own load generator until steady.
        System.out.println("  suite warm-up " + suiteLoad.run("webhook-to-stream",
                suiteSettings(sizes.warmupLimitSeconds(), processes)));
        for (int run = 1; run <= runs; run++) {
            record(suiteLoad.run("webhook-to-stream", suiteSettings(sizes.warmupSeconds(), processes)), Figure.SUBJECT,
                    figures);
        }
        return List.of(figures);
    }

    /**
     * One message-sender (with Kafka and PostgreSQL, pinned like P1–P4) drains a backlog of send commands while the
     * stand-in answers each send late, as Twilio's API does. The stand-in plays Twilio, which is not on the suite's
     * machine: it runs on the load's CPUs. Then a backlog from the paced WhatsApp number: its rate, never more.
     */
    private List<Figure> outboundDrain() throws Exception {
        stack.only(Set.of("message-sender"));
        stack.pinStandIn(cpus.load());
        Figure sends = new Figure("P7", "sendsPerSecond", sizes.outboundCommands() + " send commands drained by one"
                + " replica, stand-in answering after " + OUTBOUND_DELAY_MS + " ms", "sends/s", List.of(),
                Target.atLeast(200, "sends/s"));
        Figure notSent = new Figure("P7", "notSent", "commands not settled as sent", "", List.of(),
                Target.atMost(0, ""));
        Figure duplicates = new Figure("P7", "duplicates", "Messages POSTs beyond one per command", "", List.of(),
                Target.atMost(0, ""));
        Figure drain = new Figure("P7", "drainSeconds", "first to last settled row", "s", List.of());
        Figure warmup = new Figure("P7", "warmupCommands", "warm-up until steady and compiled (batches of "
                + sizes.outboundWarmup() + ")", "commands", List.of());
        int rate = BenchStack.PACED_WHATSAPP_RATE;
        Figure pacedRate = new Figure("P7", "pacedSendsPerSecond", sizes.pacedCommands() + " send commands from the"
                + " WhatsApp number paced at " + rate + "/s", "sends/s", List.of(), Target.atMost(rate, "sends/s"));
        Figure pacedPeak = new Figure("P7", "pacedPeakSecond", "most of them reaching the stand-in within 1 s",
                "sends", List.of(), Target.atMost(rate, "sends"));
        String processes = stack.processes(Set.of("message-sender"));
        List<Figure> cpu = cpuFigures(new Figure("P7", "cpuMs.suite", "CPU per send of message-sender, Kafka and"
                + " PostgreSQL while draining", "ms", List.of()), processes);
        cpu.add(1, new Figure("P7", "jitMs.suite", "of which their JIT compilers", "ms", List.of()));
        Figure[] figures = Stream.concat(Stream.of(sends, notSent, duplicates, drain, warmup, pacedRate, pacedPeak),
                cpu.stream()).toArray(Figure[]::new);
        for (int run = 1; run <= runs; run++) {
            record(load.run("outbound-drain", settings("kafka", stack.kafka(), "jdbc", stack.jdbcUrl(),
                    "cpu", processes, "standInUrl", stack.standInUrl(), "commands", sizes.outboundCommands(),
                    "warmupCommands", sizes.outboundWarmup(), "warmupLimitSeconds", sizes.compiledWarmupLimitSeconds(),
                    "delayMs", OUTBOUND_DELAY_MS, "pacedCommands", sizes.pacedCommands())), Figure.SUBJECT, figures);
        }
        return List.of(figures);
    }

    private Map<String, Object> suiteSettings(int warmupSeconds, String processes) {
        return settings("ingestPort", stack.service("webhook-ingest").port(),
                "signedUrl", stack.ingestPublicUrl() + InboundSms.PATH, "authToken", stack.setting("TWILIO_AUTH_TOKEN"),
                "gatewayPort", stack.service("realtime-gateway").port(), "jdbc", stack.jdbcUrl(),
                "jwtSecret", stack.setting("SWITCHBOARD_JWT_SECRET"), "rate", sizes.suiteRate(),
                "warmupSeconds", warmupSeconds, "warmupLimitSeconds", sizes.warmupLimitSeconds(),
                "seconds", sizes.seconds(), "cpu", processes);
    }

    /**
     * {@code total}, then one figure per process of {@code processes} ({@code name:pid,...}): its share of it, keyed
     * like the total ({@code cpuMs.total} → {@code cpuMs.<name>}), in the total's columns (a table has one set).
     */
    private static List<Figure> cpuFigures(Figure total, String processes) {
        List<Figure> figures = new ArrayList<>(List.of(total));
        String prefix = total.key.substring(0, total.key.indexOf('.') + 1);
        for (String process : processes.split(",")) {
            String name = process.substring(0, process.lastIndexOf(':'));
            figures.add(new Figure(total.scenario, prefix + name, "of which " + name, "ms", total.baselines()));
        }
        return figures;
    }

    /** Adds a run's figures to one column: the subject's or a baseline's. */
    private static void record(Map<String, Double> result, String column, Figure... figures) {
        System.out.println("  " + column + " " + result);
        for (Figure figure : figures) {
            figure.add(column, result.get(figure.key));
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
