package dev.switchboard.bench.run;

import dev.switchboard.bench.Load;
import dev.switchboard.bench.load.Result;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one measurement's load in a JVM pinned to the load CPUs and reads the figures it prints. */
final class LoadRunner {

    private final String loadCpus;

    LoadRunner(String loadCpus) {
        this.loadCpus = loadCpus;
    }

    Map<String, Double> run(String mode, Map<String, Object> settings) throws Exception {
        List<String> command = new ArrayList<>(List.of("taskset", "-c", loadCpus, BenchStack.java(), "-Xmx1g",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Load.class.getName(), mode));
        settings.forEach((key, value) -> command.add(key + "=" + value));
        return figures(pinned(command), mode);
    }

    /** Any command (pgbench) on the load CPUs; answers its output. */
    List<String> output(List<String> command) throws Exception {
        List<String> pinnedCommand = new ArrayList<>(List.of("taskset", "-c", loadCpus));
        pinnedCommand.addAll(command);
        return pinned(pinnedCommand);
    }

    private static List<String> pinned(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(Result.NOTE)) {
                    System.out.println("    " + line.substring(Result.NOTE.length()));
                }
                lines.add(line);
            }
        } finally {
            if (!process.waitFor(1, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + tail(lines));
        }
        return lines;
    }

    private static Map<String, Double> figures(List<String> lines, String mode) {
        return lines.stream().filter(line -> line.startsWith(Result.PREFIX)).reduce((first, last) -> last)
                .map(Result::parse)
                .orElseThrow(() -> new IllegalStateException("load " + mode + " printed no figures:\n" + tail(lines)));
    }

    private static String tail(List<String> lines) {
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
