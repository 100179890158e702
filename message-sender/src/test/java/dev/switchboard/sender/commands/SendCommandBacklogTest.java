package dev.switchboard.sender.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.sender.testing.OutboundRows;
import dev.switchboard.sender.testing.SendCommands;
import dev.switchboard.testing.StandIn;
import dev.switchboard.testing.HealthWatch;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A backlog far larger than any worker pool, against a Twilio that takes its time. The service runs its production
 * concurrency and watchdog settings (the test profile changes neither) and must neither starve itself nor stop
 * answering its probes while it works the backlog off.
 */
@QuarkusTest
class SendCommandBacklogTest {

    private static final int COMMANDS = 2_000;
    private static final long TWILIO_ANSWERS_AFTER_MS = 200;
    private static final Duration STUCK_AFTER = Duration.ofSeconds(60);

    @TestHTTPResource("/")
    URI service;

    @Test
    void aBacklogOfSendCommandsIsSentOnceEachWhileTheServiceStaysReadyAndLive() throws Exception {
        SendCommands backlog = new SendCommands(COMMANDS);
        StandIn.scriptMessages(0, Map.of(), null, COMMANDS, TWILIO_ANSWERS_AFTER_MS);

        try (HealthWatch health = HealthWatch.start(service)) {
            backlog.produce();
            backlog.awaitSettled(health, STUCK_AFTER);
            assertEquals(List.of(), health.failures(), "probes not answered 200 while the backlog drained");
            assertTrue(health.healthyAnswers() > 0, "the probes were never answered");
        }

        assertEquals(COMMANDS, OutboundRows.countByKeyPrefix(backlog.keyPrefix(), List.of("sent")), "rows sent");
        Map<String, Long> requestsPerCommand = StandIn.sendsPerBody(backlog.bodyPrefix());
        assertEquals(COMMANDS, requestsPerCommand.size(), "commands that reached Twilio");
        assertEquals(Map.of(), requestsPerCommand.entrySet().stream().filter(command -> command.getValue() != 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "commands sent more than once");
    }
}
