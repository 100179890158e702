package dev.switchboard.realtime.stream;

import dev.switchboard.realtime.auth.StreamSession;
import dev.switchboard.realtime.routing.Subscriber;
import dev.switchboard.realtime.routing.SubscriberIndex;
import dev.switchboard.realtime.routing.Subscription;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.impl.ContextInternal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Makes stream connections and ends them all at shutdown, so clients resume on another replica at once. */
@ApplicationScoped
public class StreamConnections {

    private final StreamConfig config;
    private final StreamMetrics metrics;
    private final SubscriberIndex index;
    private final ProblemWriter problems;
    private final StreamLimits limits;
    /** One per event loop, keyed by the loop's own context (a request's context is a duplicate of it). */
    private final Map<Context, DeliveryLane> lanes = new ConcurrentHashMap<>();

    StreamConnections(StreamConfig config, StreamMetrics metrics, SubscriberIndex index, ProblemWriter problems,
            StreamLimits limits) {
        this.limits = limits;
        this.config = config;
        this.metrics = metrics;
        this.index = index;
        this.problems = problems;
    }

    /** @throws dev.switchboard.problem.ProblemException 429 past the {@link StreamLimits} */
    public StreamConnection create(HttpServerRequest request, Context context, StreamSession principal,
            Subscription subscription) {
        limits.take(principal.userId());
        DeliveryLane lane = lanes.computeIfAbsent(((ContextInternal) context).unwrap(), DeliveryLane::new);
        return new StreamConnection(request, context, lane, principal, subscription, config, metrics, index, problems,
                () -> limits.giveBack(principal.userId()));
    }

    void closeAll(@Observes ShutdownEvent shutdown) {
        for (Subscriber subscriber : index.all()) {
            if (subscriber instanceof StreamConnection connection) {
                connection.close();
            }
        }
    }
}
