package dev.switchboard.sender.health;

import dev.switchboard.testing.ReadinessContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

@QuarkusTest
class ReadinessTest extends ReadinessContract {

    @Override
    protected List<String> requiredChecks() {
        return List.of("Kafka connection health check", "Reactive PostgreSQL connections health check");
    }
}
