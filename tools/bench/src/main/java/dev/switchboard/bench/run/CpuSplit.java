package dev.switchboard.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which CPUs ({@code taskset} lists) each side of a benchmark runs on.
 *
 * @param server the servers and bare baselines of P1–P4 ({@code BENCH_SERVER_CPUS})
 * @param load   the load generators and pgbench of P1–P4 ({@code BENCH_LOAD_CPUS})
 * @param suite  P5's whole suite and its load generator, together: the "whole suite on one machine"
 *               ({@code BENCH_SUITE_CPUS})
 */
record CpuSplit(String server, String load, String suite) {

    static CpuSplit fromEnvironment() throws IOException {
        // Not availableProcessors(): this JVM is pinned to the server CPUs.
        long machineCpus = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(line -> line.startsWith("processor")).count();
        return new CpuSplit(System.getenv().getOrDefault("BENCH_SERVER_CPUS", "1"),
                System.getenv().getOrDefault("BENCH_LOAD_CPUS", "0"),
                System.getenv().getOrDefault("BENCH_SUITE_CPUS", "0-" + (machineCpus - 1)));
    }
}
