package dev.switchboard.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.stack.KafkaBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * What every service promises about {@code /q/health/ready}; a service's {@code ReadinessTest} extends it and names
 * its checks. Ready means every backing server it needs is reachable, and readiness follows Kafka going away and back.
 */
public abstract class ReadinessContract {

    private static final Duration HEALTH_SETTLE = Duration.ofSeconds(60);

    /** Names of the health checks that must be UP, e.g. Kafka's and the reactive datasource's. */
    protected abstract List<String> requiredChecks();

    @Test
    void readyWhenItsServersAreReachable() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItems(requiredChecks().toArray()));
    }

    @Test
    void notReadyWhileKafkaIsDownAndReadyAgainAfter() {
        Optional<KafkaBroker> broker = LocalStackTestResource.brokerOf(ConfigProvider.getConfig());
        assumeTrue(broker.isPresent(), "Kafka is external to this test run");

        broker.get().stop();
        try {
            awaitReadiness(503);
        } finally {
            broker.get().start();
        }
        awaitReadiness(200);
    }

    private static void awaitReadiness(int status) {
        Instant deadline = Instant.now().plus(HEALTH_SETTLE);
        int last = -1;
        while (Instant.now().isBefore(deadline)) {
            last = given().when().get("/q/health/ready").statusCode();
            if (last == status) {
                return;
            }
            sleep();
        }
        throw new AssertionError("readiness answered " + last + ", expected " + status + " within " + HEALTH_SETTLE);
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
