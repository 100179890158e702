package dev.switchboard.bench.run;

/**
 * How big and long each measurement is. {@link #full()} is what the targets are stated for; {@link #smoke()}
 * only proves every scenario produces figures.
 */
record Sizes(int warmupSeconds, int seconds, int webhookConcurrency, int webhookRate, int drainEvents,
        int drainWarmup, int fanOutStreams, int fanOutEvents, int fanOutWarmup, int idleStreams, int suiteRate) {

    /**
     * 20 s of warm-up: the quiet-machine run of 2026-11-23 with 5 s showed webhook-ingest and the suite still getting
     * faster from one alternating run to the next (JIT), so the first runs measured a half-compiled service.
     */
    static Sizes full() {
        return new Sizes(20, 10, 64, 1000, 10_000, 2_000, 1_000, 200, 50, 10_000, 200);
    }

    static Sizes smoke() {
        return new Sizes(1, 2, 8, 100, 500, 100, 50, 10, 5, 200, 50);
    }
}
