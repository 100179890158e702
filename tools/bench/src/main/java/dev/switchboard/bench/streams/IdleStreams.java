package dev.switchboard.bench.streams;

import dev.switchboard.bench.load.Result;
import dev.switchboard.bench.load.Settings;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * P4: the server's resident memory with no stream, with half of {@code streams} and with all of them open (idle,
 * authenticated), each read once the server has settled, with none and with all after a full GC of it (not for
 * {@code jvm=false}, nginx); answers the growth per stream in KB from none to all, and from half to all. The second
 * is what one more stream costs a server that already runs: a JVM's one-time costs of its first streams (compiling
 * their path, first touching its young generation) fall in the first half. For a JVM the full GC is a class
 * histogram ({@code jcmd GC.class_histogram}): the live heap's growth per stream is a figure too, and the classes
 * that grew most are written to {@code tools/bench/target/p4-heap-<pid>.txt}, the profile of what a stream holds.
 */
public final class IdleStreams {

    private static final long SETTLE_MILLIS = 3000;
    private static final int HISTOGRAM_ROWS = 40;

    private IdleStreams() {
    }

    public static void run(Settings settings) throws Exception {
        int streams = settings.integer("streams");
        long pid = Long.parseLong(settings.text("pid"));
        boolean jvm = Boolean.parseBoolean(settings.text("jvm"));
        List<String> tokens = BenchUsers.ids(settings.text("jdbc"), streams).stream()
                .map(id -> Jwts.user(settings.text("jwtSecret"), id)).toList();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        try {
            Map<String, Live> heapBefore = jvm ? histogram(pid) : Map.of();
            long before = settledRssKb(pid);
            SseClients clients = new SseClients(vertx, streams);
            int half = streams / 2;
            List<String> failures = new ArrayList<>(clients.open(settings.integer("port"), tokens.subList(0, half),
                    (stream, line) -> {
                    }));
            // No full GC here: it would compact the garbage the first half promoted, and the second half would then
            // fill pages the first half had already made resident.
            long atHalf = settledRssKb(pid);
            failures.addAll(clients.open(settings.integer("port"), tokens.subList(half, streams), (stream, line) -> {
            }));
            Map<String, Live> heapAfter = jvm ? histogram(pid) : Map.of();
            long after = settledRssKb(pid);
            Result result = new Result();
            if (jvm) {
                result.put("liveHeapKbPerStream", heapGrowth(heapBefore, heapAfter, streams, pid) / 1024.0);
            }
            result.put("kbPerStream", (after - before) / (double) streams)
                    .put("kbPerStreamSecondHalf", (after - atHalf) / (double) (streams - half))
                    .put("rssBeforeMb", before / 1024.0)
                    .put("rssAtHalfMb", atHalf / 1024.0)
                    .put("rssAfterMb", after / 1024.0)
                    .put("failedStreams", failures.size())
                    .put("closedStreams", clients.closed())
                    .print();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    private static long settledRssKb(long pid) throws Exception {
        Thread.sleep(SETTLE_MILLIS);
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst().orElseThrow();
    }

    /** A class's live instances and their bytes. */
    private record Live(long instances, long bytes) {

        static final Live NONE = new Live(0, 0);

        Live minus(Live earlier) {
            return new Live(instances - earlier.instances, bytes - earlier.bytes);
        }
    }

    /** After a full GC: per class, what is live. */
    private static Map<String, Live> histogram(long pid) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process process = new ProcessBuilder(jcmd, Long.toString(pid), "GC.class_histogram").redirectErrorStream(true)
                .start();
        Map<String, Live> classes = new HashMap<>();
        try (BufferedReader lines = process.inputReader()) {
            lines.lines().map(line -> line.trim().split("\\s+"))
                    .filter(columns -> columns.length >= 4 && columns[0].endsWith(":"))
                    .forEach(columns -> classes.put(columns[3],
                            new Live(Long.parseLong(columns[1]), Long.parseLong(columns[2]))));
        }
        process.waitFor();
        return classes;
    }

    /** Live heap bytes per stream; writes the classes that grew most, per stream, beside the results. */
    private static double heapGrowth(Map<String, Live> before, Map<String, Live> after, int streams, long pid)
            throws Exception {
        List<Map.Entry<String, Live>> grown = after.entrySet().stream()
                .map(each -> Map.entry(each.getKey(), each.getValue().minus(before.getOrDefault(each.getKey(),
                        Live.NONE))))
                .sorted(Comparator.comparingLong((Map.Entry<String, Live> each) -> each.getValue().bytes()).reversed())
                .toList();
        double total = grown.stream().mapToLong(each -> each.getValue().bytes()).sum() / (double) streams;
        StringBuilder report = new StringBuilder(String.format("live heap growth per stream, %d streams: %.0f bytes%n"
                + "%10s %8s  %s%n", streams, total, "bytes", "objects", "class"));
        grown.stream().limit(HISTOGRAM_ROWS).forEach(each -> report.append(String.format("%10.1f %8.2f  %s%n",
                each.getValue().bytes() / (double) streams, each.getValue().instances() / (double) streams,
                each.getKey())));
        Path file = Path.of("tools", "bench", "target", "p4-heap-" + pid + ".txt");
        Files.writeString(file, report);
        Result.note("heap growth by class: %s", file);
        return total;
    }
}
