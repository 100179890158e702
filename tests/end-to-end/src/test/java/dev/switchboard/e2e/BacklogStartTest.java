package dev.switchboard.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.events.Event;
import dev.switchboard.events.EventSources;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.SendRequestData;
import dev.switchboard.events.Topics;
import dev.switchboard.testing.TestKafka;
import dev.switchboard.testing.Waits;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The suite starts on a broker that still holds what an earlier run left: a backlog of replies waiting for
 * message-sender. Every service becomes ready (within {@link Suite}'s readiness timeout), message-sender stays ready
 * and live while it works through the backlog, and every reply reaches Twilio once.
 */
class BacklogStartTest {

    private static final int BACKLOG = 1_000;
    private static final Duration DRAIN = Duration.ofMinutes(3);

    @Test
    void theSuiteStartsOnABacklogOfSendsAndSendsEachOnceWhileStayingReady() throws Exception {
        String batch = UUID.randomUUID().toString().substring(0, 8);
        try (Suite suite = Suite.startAfter("backlog-start", bootstrap -> leaveBacklog(bootstrap, batch))) {
            // Not failed at DRAIN: the assertions below say what is missing.
            Waits.upTo(DRAIN, Duration.ofSeconds(1), () -> {
                if (sentBodies(suite, batch).size() >= BACKLOG) {
                    return true;
                }
                assertEquals(200, status(suite, "/q/health/ready"), "message-sender ready while draining");
                assertEquals(200, status(suite, "/q/health/live"), "message-sender live while draining");
                return false;
            });
            List<String> bodies = sentBodies(suite, batch);

            Set<String> distinct = Set.copyOf(bodies);
            assertEquals(BACKLOG, distinct.size(), "every reply of the backlog reached Twilio");
            assertEquals(bodies.size(), distinct.size(), "none twice");
        }
    }

    /** What conversation-manager's outbox relay publishes: the reply event, keyed by its command id. */
    private static void leaveBacklog(String bootstrap, String batch) {
        try (TestKafka kafka = TestKafka.at(bootstrap)) {
            kafka.publishAll(Topics.OUTBOUND_MESSAGES, IntStream.range(0, BACKLOG).mapToObj(i -> {
                String commandId = batch + "-" + i;
                SendRequestData reply = new SendRequestData(commandId, "sms", Suite.newPhone(),
                        "backlog " + batch + " #" + i, List.of(), null, null, null, Map.of(), null);
                return Event.of(EventTypes.MESSAGE_SEND_REQUESTED, EventSources.TASK_COMPLETION, commandId, reply);
            }).toList());
        }
    }

    private static List<String> sentBodies(Suite suite, String batch) throws Exception {
        return suite.standInMessages().stream()
                .map(request -> request.path("form").path("Body").path(0).asText())
                .filter(body -> body.startsWith("backlog " + batch + " #"))
                .collect(Collectors.toList());
    }

    /** The probe's status, or 0 when it gave no answer within 10 s (as Kubernetes' probe would count it: failed). */
    private static int status(Suite suite, String path) throws Exception {
        try {
            return suite.http().send(HttpRequest.newBuilder(URI.create(suite.url("message-sender") + path))
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (HttpTimeoutException noAnswer) {
            return 0;
        }
    }
}
