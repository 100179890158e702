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

    /**
     * CPU milliseconds so far of the JIT compiler threads ({@code C1 CompilerThre…}, {@code C2 CompilerThre…}) of
     * each name that is a JVM, in the order named: the part of {@link #millis} a process spends compiling its own code,
     * which falls as it warms up, and which a long-running replica no longer pays.
     */
    public Map<String, Double> jitMillis() {
        Map<String, Double> millis = new LinkedHashMap<>();
        roots.forEach((name, pid) -> {
            long ticks = compilerTicks(pid);
            if (ticks >= 0) {
                millis.put(name, ticks * millisPerTick);
            }
        });
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

    /** utime + stime of the process's JIT compiler threads; -1 if it has none (not a JVM) or has gone. */
    private static long compilerTicks(long pid) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            long ticks = -1;
            for (Path task : tasks.toList()) {
                String comm = readOrEmpty(task.resolve("comm"));
                if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
                    long[] own = stat(task.resolve("stat"));
                    ticks = Math.max(ticks, 0) + own[0] + own[1];
                }
            }
            return ticks;
        } catch (IOException gone) {
            return -1;
        }
    }

    private static String readOrEmpty(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException gone) {
            return "";
        }
    }

    /** utime, stime, cutime, cstime; zeros for a process that has gone meanwhile. */
    private static long[] stat(long pid) {
        return stat(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** The same from a {@code stat} file: a process's or one of its threads' ({@code /proc/<pid>/task/<tid>/stat}). */
    private static long[] stat(Path file) {
        try {
            String stat = Files.readString(file);
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
