package dev.switchboard.realtime.live;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only once the consumers are positioned ({@link LivePositions}): a replica that took streams earlier could not
 * promise them every event produced after their 200.
 */
@Readiness
@ApplicationScoped
public class LiveEventsReadiness implements HealthCheck {

    public static final String NAME = "Live events positioned";

    private final LivePositions positions;

    LiveEventsReadiness(LivePositions positions) {
        this.positions = positions;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME).status(positions.isPositioned()).build();
    }
}
