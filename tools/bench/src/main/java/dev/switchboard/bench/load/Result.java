package dev.switchboard.bench.load;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** What a load run prints as its last line, {@code RESULT key=value ...}, for the orchestrator to read. */
public final class Result {

    public static final String PREFIX = "RESULT ";
    /** A line the orchestrator echoes while the run goes on: how a warm-up progressed, for instance. */
    public static final String NOTE = "NOTE ";

    private final Map<String, String> figures = new LinkedHashMap<>();

    public Result put(String key, double value) {
        figures.put(key, String.format(java.util.Locale.ROOT, "%.3f", value));
        return this;
    }

    public void print() {
        System.out.println(PREFIX + figures.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" ")));
    }

    public static void note(String format, Object... args) {
        System.out.println(NOTE + String.format(java.util.Locale.ROOT, format, args));
    }

    public static Map<String, Double> parse(String line) {
        Map<String, Double> parsed = new LinkedHashMap<>();
        for (String pair : line.substring(PREFIX.length()).trim().split(" ")) {
            int eq = pair.indexOf('=');
            parsed.put(pair.substring(0, eq), Double.parseDouble(pair.substring(eq + 1)));
        }
        return parsed;
    }
}
