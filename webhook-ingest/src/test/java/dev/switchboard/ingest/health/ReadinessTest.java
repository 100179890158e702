package dev.switchboard.ingest.health;

import dev.switchboard.testing.ReadinessContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

/** webhook-ingest stores nothing: only Kafka decides whether it can accept Twilio's webhooks. */
@QuarkusTest
class ReadinessTest extends ReadinessContract {

    @Override
    protected List<String> requiredChecks() {
        return List.of("Kafka connection health check");
    }
}
