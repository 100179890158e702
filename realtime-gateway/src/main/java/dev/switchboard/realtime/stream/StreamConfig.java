package dev.switchboard.realtime.stream;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Behaviour of open streams. */
@ConfigMapping(prefix = "realtime.stream")
public interface StreamConfig {

    /** Interval of the heartbeat comment that keeps proxies from closing an idle stream. */
    @WithDefault("20s")
    Duration heartbeat();

    /** Reconnection delay the client is told in the SSE {@code retry:} field. */
    @WithDefault("3s")
    Duration retry();

    /** Events a connection may have waiting to be written; a client that falls further behind is disconnected. */
    @WithDefault("1000")
    int maxQueuedEvents();

    /** Rows read from {@code message_events} per query during a catch-up (the catch-up itself has no cap). */
    @WithDefault("500")
    int replayPageSize();

    /** How long live events are kept in memory to cover those not yet in {@code message_events}, and task events. */
    @WithDefault("2m")
    Duration recentWindow();

    /**
     * How long a stream opened while the replica is still starting waits for its consumers to be positioned before
     * it is refused with 503 (Kubernetes routes nothing to a replica that is not ready; this covers direct callers).
     */
    @WithDefault("30s")
    Duration startWait();

    /** Streams one user may hold open on one replica (tabs, devices); one more is refused with 429. */
    @WithDefault("10")
    int maxPerUser();

    /** Streams one replica holds open at most; one more is refused with 429, so the client tries another replica. */
    @WithDefault("50000")
    int maxOpen();

    /** Upper bound of that memory, whatever the event rate. */
    @WithDefault("50000")
    int recentMaxEvents();
}
