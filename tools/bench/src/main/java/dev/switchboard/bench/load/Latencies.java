package dev.switchboard.bench.load;

import java.util.Arrays;

/** Latencies in nanoseconds, recorded without allocation per sample, read as percentiles in milliseconds. */
public final class Latencies {

    private long[] samples = new long[1 << 16];
    private int count;

    public synchronized void record(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    public synchronized int count() {
        return count;
    }

    /** The {@code p}-th percentile (0-100) in milliseconds, NaN when nothing was recorded. */
    public synchronized double percentileMillis(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, index))] / 1e6;
    }
}
