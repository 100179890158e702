package dev.switchboard.bench.streams;

import dev.switchboard.bench.load.Result;
import dev.switchboard.bench.load.Settings;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * P4: the server's resident memory with no stream and with {@code streams} idle authenticated streams, each read
 * after a full GC of the server ({@code jcmd GC.run}; not for {@code jvm=false}, nginx) has settled; answers the growth
 * per stream in KB.
 */
public final class IdleStreams {

    private static final long SETTLE_MILLIS = 3000;

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
            long before = settledRssKb(pid, jvm);
            SseClients clients = new SseClients(vertx, streams);
            List<String> failures = clients.open(settings.integer("port"), tokens, (stream, line) -> {
            });
            long after = settledRssKb(pid, jvm);
            new Result().put("kbPerStream", (after - before) / (double) streams)
                    .put("rssBeforeMb", before / 1024.0)
                    .put("rssAfterMb", after / 1024.0)
                    .put("failedStreams", failures.size())
                    .put("closedStreams", clients.closed())
                    .print();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    private static long settledRssKb(long pid, boolean jvm) throws Exception {
        if (jvm) {
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            new ProcessBuilder(jcmd, Long.toString(pid), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        }
        Thread.sleep(SETTLE_MILLIS);
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst().orElseThrow();
    }
}
