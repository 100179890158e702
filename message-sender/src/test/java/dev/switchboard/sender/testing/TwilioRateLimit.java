package dev.switchboard.sender.testing;

import dev.switchboard.testing.StandIn;
import java.util.Map;

/**
 * Twilio rate-limiting every send until closed: the stand-in answers each request to the Messages API 429, in runs
 * with {@code Retry-After: 1} and runs without (Twilio does not always send one; the service then backs off by
 * itself). The stand-in counts scripted answers rather than timing them, so more are scripted than a sequence of a few
 * minutes can use, and closing drops the rest. Closing also clears the stand-in's request log (it clears both at
 * once): read what is needed from the log first.
 */
public final class TwilioRateLimit implements AutoCloseable {

    private static final int ANSWERS_PER_RUN = 25;
    /** 3,000 answers: 32 commands in flight retrying every second use them up in about 90 seconds. */
    private static final int RUNS = 120;

    private TwilioRateLimit() {
    }

    public static TwilioRateLimit start() {
        for (int run = 0; run < RUNS; run++) {
            StandIn.scriptMessages(429, run % 2 == 0 ? Map.of("Retry-After", "1") : Map.of(),
                    StandIn.twilioError(429, 20429, "Too Many Requests"), ANSWERS_PER_RUN, 0);
        }
        return new TwilioRateLimit();
    }

    @Override
    public void close() {
        StandIn.clear();
    }
}
