package dev.switchboard.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of named processes, read from {@code /proc/<pid>/stat} (utime + stime, in clock ticks). Each name's pid is
 * the root of a process tree: the root's own time and that of its children it has reaped (cutime + cstime: a
 * PostgreSQL backend that ended within the window), plus the time of its live descendants (the backends running).
 * Setting {@code cpu=name:pid,name:pid,...}.
 */
public final class CpuTicks {

    private final Map<String, Long> roots = new LinkedHashMap<>();
    private final double millisPerTick;

    public CpuTicks(String processes) {
        for (String entry : processes.split(",")) {
            int colon = entry.lastIndexOf(':');
            roots.put(entry.substring(0, colon), Long.parseLong(entry.substring(colon + 1)));
        }
        this.millisPerTick = 1000.0 / clockTicksPerSecond();
    }

    /** CPU milliseconds so far of each name, in the order named. */
    public Map<String, Double> millis() {
        Map<String, Double> millis = new LinkedHashMap<>();
        roots.forEach((name, pid) -> millis.put(name, treeTicks(pid) * millisPerTick));
        return millis;
    }

    /** Each name's CPU milliseconds between two readings of {@link #millis}, per unit of work (a message, a send). */
    public static Map<String, Double> perUnit(Map<String, Double> before, Map<String, Double> after, long units) {
        Map<String, Double> perUnit = new LinkedHashMap<>();
        after.forEach((name, millis) -> perUnit.put(name, (millis - before.get(name)) / units));
        return perUnit;
    }

    private static long treeTicks(long root) {
        long[] fields = stat(root);
        long ticks = fields[0] + fields[1] + fields[2] + fields[3];
        try (Stream<ProcessHandle> descendants = ProcessHandle.of(root).stream().flatMap(ProcessHandle::descendants)) {
            ticks += descendants.mapToLong(process -> {
                long[] own = stat(process.pid());
                return own[0] + own[1];
            }).sum();
        }
        return ticks;
    }

    /** utime, stime, cutime, cstime; zeros for a process that has gone meanwhile. */
    private static long[] stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) is in parentheses and may hold spaces: count fields after its ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state); utime..cstime are fields 14..17.
            return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12]), Long.parseLong(fields[13]),
                    Long.parseLong(fields[14])};
        } catch (IOException gone) {
            return new long[4];
        }
    }

    private static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            return getconf.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
