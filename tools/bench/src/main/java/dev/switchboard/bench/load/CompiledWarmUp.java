package dev.switchboard.bench.load;

import java.util.Map;
import java.util.function.Predicate;

/**
 * A drain's warm-up (P2, P7): batches of the measured work until two in a row agree in rate within {@value #STEADY}
 * times the faster one and the JIT compilers of the processes counted took at most {@value #COMPILED} of their CPU in
 * the last one, or a time limit passed. A JVM compiles its hot paths for minutes on one CPU, and rates already agree
 * while the compilers still take a third of the CPU (P7 on 2026-12-05, docs/benchmarks.md): a figure measured then
 * reads the compiler as much as the work, which a service that has run for a while no longer pays.
 */
public final class CompiledWarmUp {

    private static final double STEADY = 0.1;
    private static final double COMPILED = 0.1;

    /** One warm-up batch: does it and answers its rate, in units per second. */
    public interface Batch {
        double run() throws Exception;
    }

    private final CpuTicks cpu;
    private final Predicate<String> counted;
    private final String unit;

    /**
     * @param counted the processes whose CPU and compilers count (those on the measured CPU)
     * @param unit    what a batch is made of, for the notes ("commands", "events")
     */
    public CompiledWarmUp(CpuTicks cpu, Predicate<String> counted, String unit) {
        this.cpu = cpu;
        this.counted = counted;
        this.unit = unit;
    }

    /** Runs batches of {@code size} units until steady and compiled or {@code limitSeconds} passed: how many it ran. */
    public int run(Batch batch, int size, int limitSeconds) throws Exception {
        long until = System.nanoTime() + limitSeconds * 1_000_000_000L;
        double previous = 0;
        for (int batches = 1; ; batches++) {
            Map<String, Double> cpuBefore = cpu.millis();
            Map<String, Double> jitBefore = cpu.jitMillis();
            double rate = batch.run();
            double cpuPerUnit = sum(CpuTicks.perUnit(cpuBefore, cpu.millis(), size));
            double jitPerUnit = sum(CpuTicks.perUnit(jitBefore, cpu.jitMillis(), size));
            Result.note("warm-up: %d %s, %.0f %s/s, CPU %.2f ms per unit, of which JIT compilers %.2f ms", size, unit,
                    rate, unit, cpuPerUnit, jitPerUnit);
            boolean steady = Math.abs(rate - previous) <= STEADY * Math.max(rate, previous);
            if (steady && jitPerUnit <= COMPILED * cpuPerUnit) {
                return batches;
            }
            if (System.nanoTime() > until) {
                Result.note("warm-up: limit of %d s reached before steady and compiled", limitSeconds);
                return batches;
            }
            previous = rate;
        }
    }

    /** The sum over the counted processes. */
    public double sum(Map<String, Double> perProcess) {
        return perProcess.entrySet().stream().filter(process -> counted.test(process.getKey()))
                .mapToDouble(Map.Entry::getValue).sum();
    }
}
