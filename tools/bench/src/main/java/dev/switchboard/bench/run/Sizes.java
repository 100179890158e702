package dev.switchboard.bench.run;

/**
 * How big and long each measurement is. {@link #full()} is what the targets are stated for; {@link #smoke()}
 * only proves every scenario produces figures.
 */
record Sizes(int warmupSeconds, int warmupLimitSeconds, int seconds, int webhookConcurrency, int webhookRate, int drainEvents,
        int drainWarmup, int fanOutStreams, int fanOutEvents, int fanOutWarmup, int idleStreams, int suiteRate,
        int outboundCommands, int outboundWarmup, int compiledWarmupLimitSeconds, int pacedCommands) {

    /**
     * At least 20 s of warm-up, and P1's until steady (at most 180 s): the quiet-machine run of 2026-11-23 with a fixed
     * 5 s, then 20 s, showed webhook-ingest and the suite still getting faster from one alternating run to the next
     * (JIT), so the first runs measured a half-compiled service. P2 and P7 warm their consumer up with batches (2,000 events,
     * 1,500 commands) until steady and compiled, for at most 360 s (CompiledWarmUp: on 2026-12-05 message-sender's JIT
     * compilers settled after about 15 batches, near 180 s).
     */
    static Sizes full() {
        return new Sizes(20, 180, 10, 64, 1000, 10_000, 2_000, 1_000, 200, 50, 10_000, 200, 5_000, 1_500, 360, 1_000);
    }

    /** P5 at another rate: at a tenth of 200 msg/s, what is left is the path's own latency, not queueing. */
    Sizes withSuiteRate(int rate) {
        return new Sizes(warmupSeconds, warmupLimitSeconds, seconds, webhookConcurrency, webhookRate, drainEvents,
                drainWarmup, fanOutStreams, fanOutEvents, fanOutWarmup, idleStreams, rate, outboundCommands, outboundWarmup,
                compiledWarmupLimitSeconds, pacedCommands);
    }

    static Sizes smoke() {
        return new Sizes(1, 5, 2, 8, 100, 500, 100, 50, 10, 5, 200, 50, 200, 20, 10, 100);
    }
}
