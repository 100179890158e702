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

    /** Upper bound of that memory, whatever the event rate. */
    @WithDefault("50000")
    int recentMaxEvents();
}
