package dev.switchboard.bench.run;

import dev.switchboard.stack.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Behind {@code tools/bench/run [P1..P5|P7|all] [--runs N] [--smoke]}: starts what each scenario needs, measures baseline and
 * subject alternately, prints the table (also written to {@code tools/bench/target/results.md}) and stops everything it
 * started, also on failure or Ctrl-C. Expects to run pinned to the server CPUs; load runs on {@code BENCH_LOAD_CPUS}.
 */
public final class BenchMain {

    private static final List<String> ALL = List.of("P1", "P2", "P3", "P4", "P5", "P7");

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> scenarios = new ArrayList<>();
        int runs = 3;
        Sizes sizes = Sizes.full();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--smoke" -> sizes = Sizes.smoke();
                case "--suite-rate" -> sizes = sizes.withSuiteRate(Integer.parseInt(args[++i]));
                case "all" -> scenarios.addAll(ALL);
                default -> scenarios.add(args[i].toUpperCase());
            }
        }
        if (scenarios.isEmpty()) {
            scenarios.addAll(ALL);
        }
        Path root = Path.of("").toAbsolutePath();
        CpuSplit cpus = CpuSplit.fromEnvironment();
        BenchStack stack = new BenchStack(root);
        Thread stopper = new Thread(stack::close, "bench-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        String header = header(cpus, runs, sizes);
        System.out.print(header);
        List<Figure> figures = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        try {
            stack.start();
            Scenarios runner = new Scenarios(stack, cpus, sizes, runs);
            for (String scenario : scenarios) {
                try {
                    figures.addAll(runner.run(scenario));
                } catch (Exception e) {
                    // One scenario that cannot finish must not cost the others' figures.
                    failed.add(scenario);
                    System.err.println(scenario + " failed: " + e.getMessage());
                }
            }
        } finally {
            stack.close();
            Runtime.getRuntime().removeShutdownHook(stopper);
            String table = Table.of(figures);
            System.out.println();
            System.out.print(table);
            Path results = root.resolve("tools/bench/target/results.md");
            Files.createDirectories(results.getParent());
            Files.writeString(results, header + "\n" + table);
        }
        if (!failed.isEmpty()) {
            System.err.println("scenarios without figures: " + failed);
            System.exit(1);
        }
    }

    private static String header(CpuSplit split, int runs, Sizes sizes) throws Exception {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                .findFirst().map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown CPU");
        long memoryGb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(line -> line.startsWith("MemTotal"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024 / 1024).findFirst().orElse(0);
        long cpus = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("processor"))
                .count();
        return String.format("bench %s: %d x %s, %d GiB, JDK %s; P1-P4 and P7 servers pinned to CPU %s, load to CPU %s;"
                        + " P5 suite and load to CPUs %s; services and bare servers %s (realtime-gateway %s),"
                        + " load -XX:+UseSerialGC; %d alternating runs; %s%n",
                LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS), cpus, cpu, memoryGb,
                System.getProperty("java.version"), split.server(), split.load(), split.suite(),
                String.join(" ", ServiceProcess.jvmOptions("webhook-ingest")),
                String.join(" ", ServiceProcess.jvmOptions("realtime-gateway")), runs, sizes);
    }
}
