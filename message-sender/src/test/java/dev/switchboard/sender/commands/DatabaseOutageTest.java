package dev.switchboard.sender.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.sender.testing.OutboundRows;
import dev.switchboard.sender.testing.SendCommands;
import dev.switchboard.testing.StandIn;
import dev.switchboard.stack.PostgresCluster;
import dev.switchboard.testing.HealthWatch;
import dev.switchboard.testing.LocalStackTestResource;
import dev.switchboard.testing.Waits;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes away for longer than the throttled commit strategy's default 60 s watchdog, with send commands
 * arriving meanwhile. message-sender stays alive, waits the outage out, and then sends each command once by itself:
 * no restart, no replay.
 */
@QuarkusTest
class DatabaseOutageTest {

    private static final int COMMANDS = 200;
    private static final Duration OUTAGE = Duration.ofSeconds(90);

    @TestHTTPResource("/")
    URI service;

    @Test
    void commandsArrivingDuringANinetySecondDatabaseOutageAreSentOnceEachAfterItByThemselves() throws Exception {
        Optional<PostgresCluster> postgres = LocalStackTestResource.postgresOf(ConfigProvider.getConfig());
        assumeTrue(postgres.isPresent(), "PostgreSQL is external to this test run");
        SendCommands commands = new SendCommands(COMMANDS);

        postgres.get().stop();
        try {
            commands.produce();
            Instant back = Instant.now().plus(OUTAGE);
            while (Instant.now().isBefore(back)) {
                assertEquals(200, liveness(), "alive while the database is away");
                Thread.sleep(5_000); // pacing of the liveness checks for the whole outage, not a wait
            }
        } finally {
            postgres.get().start();
        }

        try (HealthWatch health = HealthWatch.start(service)) {
            awaitReady();
            commands.awaitSettled(health, Duration.ofSeconds(60));
        }
        assertEquals(COMMANDS, OutboundRows.countByKeyPrefix(commands.keyPrefix(), List.of("sent")), "rows sent");
        Map<String, Long> requestsPerCommand = StandIn.sendsPerBody(commands.bodyPrefix());
        assertEquals(COMMANDS, requestsPerCommand.size(), "commands that reached Twilio");
        assertEquals(List.of(), requestsPerCommand.values().stream().filter(times -> times != 1).toList(),
                "commands sent more than once");
    }

    private int liveness() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(service.resolve("/q/health/live"))
                        .timeout(HealthWatch.ANSWER_WITHIN).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** Readiness is DOWN while the database is away (by design); it comes back by itself. */
    private void awaitReady() {
        Waits.waitFor("ready again after the outage", Duration.ofSeconds(60), Duration.ofMillis(500))
                .until(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(service.resolve("/q/health/ready"))
                                .timeout(HealthWatch.ANSWER_WITHIN).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode(), status -> status == 200);
    }
}
